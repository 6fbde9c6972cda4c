package io.turnfleet.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnfleet.bench.traffic.TrafficResult;
import io.turnfleet.bench.turn.SetupResult;

import java.util.Map;

/**
 * The machine-readable form of a {@link RunReport}: one JSON object on one line. Field names are
 * a stable interface: {@code compare.sh} and the comparison table read them by path
 * (e.g. {@code traffic.relayedPacketsPerSecond}).
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    public static String line(RunReport report) {
        return toNode(report).toString();
    }

    static ObjectNode toNode(RunReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("label", r.label());
        root.put("scenario", r.scenario());
        root.put("startedAt", r.startedAt().toString());
        root.put("server", r.server());
        root.put("transport", r.transport());
        root.put("mode", r.mode());
        root.put("peer", r.peer());
        root.put("allocations", r.allocations());
        root.put("established", r.established());
        root.put("payloadSize", r.payloadSize());
        root.put("ratePerAllocation", r.ratePerAllocation());
        root.put("window", r.window());
        root.put("warmupSeconds", r.warmupSeconds());
        root.put("durationSeconds", r.durationSeconds());
        root.set("allocate", setup(r.allocate()));
        root.set("channelBind", setup(r.channelBind()));
        root.set("refreshZero", setup(r.refreshZero()));
        root.put("unexpectedDatagrams", r.unexpectedDatagrams());
        root.put("socketErrors", r.socketErrors());
        root.set("traffic", traffic(r.traffic()));
        root.set("serverCpu", cpu(r.serverCpu(), r.traffic()));
        root.set("generatorCpu", cpu(r.generatorCpu(), r.traffic()));
        return root;
    }

    private static ObjectNode setup(SetupResult s) {
        if (s == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("attempted", s.attempted());
        node.put("succeeded", s.succeeded());
        node.put("failed", s.failed());
        node.put("seconds", round(s.seconds(), 4));
        node.put("perSecond", round(s.perSecond(), 1));
        if (!Double.isNaN(s.serverCpuSeconds())) {
            node.put("serverCpuSeconds", round(s.serverCpuSeconds(), 3));
            node.put("serverCpuMicrosPerOperation", round(s.serverCpuMicrosPerOperation(), 1));
        }
        ObjectNode failures = node.putObject("failures");
        for (Map.Entry<String, Integer> e : s.failures().entrySet()) {
            failures.put(e.getKey(), e.getValue());
        }
        return node;
    }

    private static ObjectNode traffic(TrafficResult t) {
        if (t == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("windowSeconds", round(t.windowSeconds(), 3));
        node.put("sent", t.sent());
        node.put("received", t.received());
        node.put("lost", t.lost());
        node.put("lossRatio", t.lossRatio());
        node.put("duplicates", t.duplicates());
        node.put("late", t.late());
        node.put("corrupt", t.corrupt());
        node.put("stray", t.stray());
        node.put("misrouted", t.misrouted());
        node.put("peerStray", t.peerStray());
        node.put("integrityErrors", t.integrityErrors());
        node.put("roundTripsPerSecond", round(t.roundTripsPerSecond(), 1));
        node.put("relayedPackets", t.relayedPackets());
        node.put("relayedPacketsPerSecond", round(t.relayedPacketsPerSecond(), 1));
        node.put("maxSendLagMicros", t.maxSendLagMicros());
        ObjectNode rtt = node.putObject("rttMicros");
        LatencySummary l = t.roundTrip();
        rtt.put("count", l.count());
        rtt.put("p50", l.p50());
        rtt.put("p99", l.p99());
        rtt.put("p999", l.p999());
        rtt.put("max", l.max());
        rtt.put("mean", l.mean());
        return node;
    }

    private static ObjectNode cpu(CpuUsage c, TrafficResult t) {
        if (c == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("pid", c.pid());
        node.put("cpuSeconds", round(c.cpuSeconds(), 3));
        node.put("utilization", round(c.utilization(), 3));
        if (t != null) {
            node.put("secondsPerMillionPackets", round(c.perMillionPackets(t.relayedPackets()), 4));
        }
        return node;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
