package io.turnfleet.bench.report;

import io.turnfleet.bench.traffic.TrafficResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTableTest {
    @Test
    void tableShowsSetupRatesThroughputLatencyLossAndCpu() {
        String table = ReportTable.render(SampleReports.traffic());

        assertThat(table)
                .contains("run S1 [coturn] traffic")
                .contains("100 allocations, 100-byte payload, flat out (window 8), echo peer, warm-up 2.0 s, window 10.0 s")
                .containsPattern("Allocate\\s+100\\s+0\\s+0\\.250\\s+400\\.0\\s+server CPU 500\\.0 us each")
                .containsPattern("Refresh\\(0\\)\\s+100\\s+0\\s+0\\.040\\s+2500\\.0")
                .contains("relayed packets/s        199900.0 (round trips/s 99900.0)")
                .contains("p50 120.5  p99 480.1  p99.9 900.9  max 1500.0")
                .contains("1000000 / 999990 / 10 (loss 0.0010%)")
                .contains("server cpu               8.00 s (80% of a core), 4.000 s per million relayed packets");
    }

    @Test
    void generatorFallingBehindItsScheduleIsCalledOut() {
        TrafficResult late = new TrafficResult(10.0, 100, 100, 0, 0, 0, 0, 0, 0, 0, 100, 100, 25_000.0,
                LatencySummary.EMPTY);
        TrafficResult punctual = new TrafficResult(10.0, 100, 100, 0, 0, 0, 0, 0, 0, 0, 100, 100, 300.0,
                LatencySummary.EMPTY);

        assertThat(ReportTable.render(SampleReports.report(late, Map.of())))
                .contains("max send lag (us)        25000.0  (the generator fell behind its schedule");
        assertThat(ReportTable.render(SampleReports.report(punctual, Map.of())))
                .contains("max send lag (us)        300.0\n");
    }

    @Test
    void failuresAreListedWithTheirCounts() {
        String table = ReportTable.render(SampleReports.report(SampleReports.traffic(0),
                Map.of("Allocate: 486 Allocation Quota Reached", 3)));

        assertThat(table).contains("failed x3: Allocate: 486 Allocation Quota Reached");
    }

    @Test
    void verdictFailsOnSetupFailuresAndIntegrityErrorsButNotOnLoss() {
        assertThat(RunVerdict.of(SampleReports.traffic()).passed()).isTrue();
        assertThat(RunVerdict.of(SampleReports.report(SampleReports.traffic(0), Map.of("Allocate: timeout", 1))).reason())
                .isEqualTo("1 of 100 Allocate requests failed");
        assertThat(RunVerdict.of(SampleReports.report(SampleReports.traffic(2), Map.of())).reason())
                .isEqualTo("2 packets came back corrupt, stray, misrouted or duplicated");
    }
}
