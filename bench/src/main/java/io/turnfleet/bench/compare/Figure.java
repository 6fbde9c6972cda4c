package io.turnfleet.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One number the comparison reports for a scenario, read from each result line of that scenario.
 *
 * @param path           JSON pointer into a generator report line, or a derived figure's name
 * @param higherIsBetter direction, shown in the table so a ratio reads at a glance
 */
public record Figure(String scenario, String name, String path, boolean higherIsBetter) {

    /** The figures of issue 6's scenarios S1-S4, in table order. */
    public static final List<Figure> STANDARD = List.of(
            new Figure("S1", "relayed packets/s", "/traffic/relayedPacketsPerSecond", true),
            new Figure("S1", "server CPU s per 1M relayed", "/serverCpu/secondsPerMillionPackets", false),
            new Figure("S1", "server CPU utilization", "/serverCpu/utilization", false),
            new Figure("S1", "generator CPU utilization", "/generatorCpu/utilization", false),
            new Figure("S1", "round trip p50 us", "/traffic/rttMicros/p50", false),
            new Figure("S1", "round trip p99 us", "/traffic/rttMicros/p99", false),
            new Figure("S1", "loss ratio", "/traffic/lossRatio", false),
            new Figure("S2-20", "round trip p50 us", "/traffic/rttMicros/p50", false),
            new Figure("S2-20", "round trip p99 us", "/traffic/rttMicros/p99", false),
            new Figure("S2-20", "round trip p99.9 us", "/traffic/rttMicros/p999", false),
            new Figure("S2-20", "lost packets", "/traffic/lost", false),
            new Figure("S2-20", "server CPU s per 1M relayed", "/serverCpu/secondsPerMillionPackets", false),
            new Figure("S2-20", "generator max send lag us", "/traffic/maxSendLagMicros", false),
            new Figure("S2-50", "round trip p50 us", "/traffic/rttMicros/p50", false),
            new Figure("S2-50", "round trip p99 us", "/traffic/rttMicros/p99", false),
            new Figure("S2-50", "round trip p99.9 us", "/traffic/rttMicros/p999", false),
            new Figure("S2-50", "lost packets", "/traffic/lost", false),
            new Figure("S2-50", "server CPU s per 1M relayed", "/serverCpu/secondsPerMillionPackets", false),
            new Figure("S2-50", "generator max send lag us", "/traffic/maxSendLagMicros", false),
            new Figure("S3-1000", "bytes per idle allocation", MemoryFigures.TOTAL, false),
            new Figure("S3-1000", "  of which JVM heap", MemoryFigures.HEAP, false),
            new Figure("S3-1000", "  of which RSS", MemoryFigures.RSS, false),
            new Figure("S3-5000", "bytes per idle allocation", MemoryFigures.TOTAL, false),
            new Figure("S3-5000", "  of which JVM heap", MemoryFigures.HEAP, false),
            new Figure("S3-5000", "  of which RSS", MemoryFigures.RSS, false),
            new Figure("S4", "allocations/s", "/allocate/perSecond", true),
            new Figure("S4", "server CPU us per allocation", "/allocate/serverCpuMicrosPerOperation", false),
            new Figure("S4", "Refresh(0)/s", "/refreshZero/perSecond", true),
            new Figure("S4", "server CPU us per Refresh(0)", "/refreshZero/serverCpuMicrosPerOperation", false));

    /** This figure's value in one result line, if the line has it. */
    public OptionalDouble valueIn(JsonNode line) {
        if (path.startsWith("/")) {
            JsonNode node = line.at(path);
            return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
        }
        return MemoryFigures.value(path, line);
    }
}
