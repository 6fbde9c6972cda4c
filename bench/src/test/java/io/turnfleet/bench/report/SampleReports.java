package io.turnfleet.bench.report;

import io.turnfleet.bench.traffic.TrafficResult;
import io.turnfleet.bench.turn.Operation;
import io.turnfleet.bench.turn.SetupResult;

import java.time.Instant;
import java.util.Map;

/** Reports with known figures for the formatting tests. */
final class SampleReports {
    private SampleReports() {
    }

    static TrafficResult traffic(long corrupt) {
        return new TrafficResult(10.0, 1_000_000, 999_990, 10, 0, 0, corrupt, 0, 0, 0, 999_000, 1_999_000, 0,
                new LatencySummary(999_990, 120.5, 480.1, 900.9, 1500.0, 150.2));
    }

    static RunReport traffic() {
        return report(traffic(0), Map.of());
    }

    static RunReport report(TrafficResult traffic, Map<String, Integer> allocateFailures) {
        int failed = allocateFailures.values().stream().mapToInt(Integer::intValue).sum();
        return new RunReport("coturn", "S1", Instant.parse("2026-01-02T03:04:05Z"), "127.0.0.1:3478", "epoll",
                "traffic", "echo", 100, 100, 0, 8, 2.0, 10.0,
                new SetupResult(Operation.ALLOCATE, 100, 100 - failed, 0.25, allocateFailures, 0.05),
                new SetupResult(Operation.CHANNEL_BIND, 100 - failed, 100 - failed, 0.05, Map.of()),
                new SetupResult(Operation.REFRESH_ZERO, 100 - failed, 100 - failed, 0.04, Map.of()),
                traffic, new CpuUsage(4242, 7.996, 0.8), new CpuUsage(0, 9.0, 0.9), 0, 0);
    }
}
