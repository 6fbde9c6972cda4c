package io.turnfleet.bench.report;

import io.turnfleet.bench.traffic.TrafficResult;
import io.turnfleet.bench.turn.SetupResult;

import java.util.Locale;
import java.util.Map;

/** The human-readable form of a {@link RunReport}: a few aligned lines for a terminal. */
public final class ReportTable {
    /** A fixed-rate generator this late has not kept its schedule (it was starved of CPU or saturated). */
    static final double GENERATOR_BEHIND_MICROS = 10_000;

    private ReportTable() {
    }

    public static String render(RunReport r) {
        StringBuilder out = new StringBuilder();
        line(out, "run %s%s%s  %s  server %s (%s)", r.scenario().isEmpty() ? "" : r.scenario() + " ",
                r.label().isEmpty() ? "" : "[" + r.label() + "] ", r.mode(), r.startedAt(), r.server(), r.transport());
        if (r.traffic() != null) {
            line(out, "%d allocations, %d-byte payload, %s, %s, warm-up %.1f s, window %.1f s", r.allocations(),
                    r.payloadSize(), r.ratePerAllocation() == 0 ? "flat out (window " + r.window() + ")"
                            : r.ratePerAllocation() + " packets/s per allocation",
                    r.peer().equals("pair") ? "allocations paired" : "echo peer", r.warmupSeconds(),
                    r.durationSeconds());
        } else if (r.mode().equals("idle")) {
            line(out, "%d allocations held idle for %.1f s (one permission and channel each)", r.allocations(),
                    r.durationSeconds());
        } else {
            line(out, "%d allocations", r.allocations());
        }
        line(out, "");
        line(out, "%-14s %9s %7s %9s %11s", "setup", "ok", "failed", "seconds", "per second");
        setup(out, r.allocate());
        setup(out, r.channelBind());
        setup(out, r.refreshZero());
        TrafficResult t = r.traffic();
        if (t != null) {
            line(out, "");
            line(out, "%-24s %.1f (round trips/s %.1f)", "relayed packets/s", t.relayedPacketsPerSecond(),
                    t.roundTripsPerSecond());
            LatencySummary l = t.roundTrip();
            line(out, "%-24s p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)", "round trip (us)", l.p50(), l.p99(),
                    l.p999(), l.max(), l.count());
            line(out, "%-24s %d / %d / %d (loss %.4f%%)", "sent / received / lost", t.sent(), t.received(), t.lost(),
                    100 * t.lossRatio());
            line(out, "%-24s corrupt %d  stray %d  misrouted %d  duplicate %d  late %d  peer-stray %d", "integrity",
                    t.corrupt(), t.stray(), t.misrouted(), t.duplicates(), t.late(), t.peerStray());
            if (t.maxSendLagMicros() > 0) {
                line(out, "%-24s %.1f%s", "max send lag (us)", t.maxSendLagMicros(),
                        t.maxSendLagMicros() > GENERATOR_BEHIND_MICROS
                                ? "  (the generator fell behind its schedule: it, not the server, limited this run)"
                                : "");
            }
        }
        if (r.unexpectedDatagrams() + r.socketErrors() > 0) {
            line(out, "%-24s unexpected %d  socket errors %d", "server datagrams", r.unexpectedDatagrams(),
                    r.socketErrors());
        }
        cpu(out, "server cpu", r.serverCpu(), t);
        cpu(out, "generator cpu", r.generatorCpu(), t);
        failures(out, r.allocate());
        failures(out, r.channelBind());
        failures(out, r.refreshZero());
        return out.toString();
    }

    private static void setup(StringBuilder out, SetupResult s) {
        if (s != null) {
            String serverCpu = Double.isNaN(s.serverCpuSeconds()) ? ""
                    : String.format(Locale.ROOT, "   server CPU %.1f us each", s.serverCpuMicrosPerOperation());
            line(out, "%-14s %9d %7d %9.3f %11.1f%s", s.operation().displayName(), s.succeeded(), s.failed(),
                    s.seconds(), s.perSecond(), serverCpu);
        }
    }

    private static void cpu(StringBuilder out, String name, CpuUsage c, TrafficResult t) {
        if (c == null) {
            return;
        }
        if (t != null && t.relayedPackets() > 0) {
            line(out, "%-24s %.2f s (%.0f%% of a core), %.3f s per million relayed packets", name, c.cpuSeconds(),
                    100 * c.utilization(), c.perMillionPackets(t.relayedPackets()));
        } else {
            line(out, "%-24s %.2f s (%.0f%% of a core)", name, c.cpuSeconds(), 100 * c.utilization());
        }
    }

    private static void failures(StringBuilder out, SetupResult s) {
        if (s == null) {
            return;
        }
        for (Map.Entry<String, Integer> e : s.failures().entrySet()) {
            line(out, "failed x%d: %s", e.getValue(), e.getKey());
        }
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
