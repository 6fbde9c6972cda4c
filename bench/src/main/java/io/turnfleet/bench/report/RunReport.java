package io.turnfleet.bench.report;

import io.turnfleet.bench.traffic.TrafficResult;
import io.turnfleet.bench.turn.SetupResult;

import java.time.Instant;

/**
 * Everything one generator run measured. {@code channelBind}, {@code traffic}, {@code serverCpu}
 * and {@code generatorCpu} are null when the run's mode or options did not include them.
 * {@code unexpectedDatagrams} counts datagrams from the server that were not parseable STUN, or
 * ChannelData outside the traffic phase; {@code socketErrors} counts ICMP errors and the like surfaced on any socket.
 */
public record RunReport(String label, String scenario, Instant startedAt, String server, String transport,
                        String mode, String peer, int allocations, int payloadSize, int ratePerAllocation, int window,
                        double warmupSeconds, double durationSeconds, SetupResult allocate,
                        SetupResult channelBind, SetupResult refreshZero, TrafficResult traffic,
                        CpuUsage serverCpu, CpuUsage generatorCpu, long unexpectedDatagrams, long socketErrors) {

    /** Allocations that were set up completely (allocated, and bound when the mode binds channels). */
    public int established() {
        return channelBind != null ? channelBind.succeeded() : allocate.succeeded();
    }
}
