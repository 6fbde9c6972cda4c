package io.turnfleet.bench.report;

import org.HdrHistogram.Histogram;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySummaryTest {
    @Test
    void percentilesAreReportedInMicroseconds() {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            histogram.recordValue(i * 1_000L);
        }

        LatencySummary summary = LatencySummary.ofNanos(histogram);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, Percentage.withPercentage(0.2));
        assertThat(summary.p99()).isCloseTo(990, Percentage.withPercentage(0.2));
        assertThat(summary.p999()).isCloseTo(999, Percentage.withPercentage(0.2));
        assertThat(summary.max()).isCloseTo(1000, Percentage.withPercentage(0.2));
        assertThat(summary.mean()).isCloseTo(500.5, Percentage.withPercentage(0.2));
    }

    @Test
    void emptyHistogramGivesZeros() {
        assertThat(LatencySummary.ofNanos(new Histogram(1_000_000L, 3))).isEqualTo(LatencySummary.EMPTY);
    }
}
