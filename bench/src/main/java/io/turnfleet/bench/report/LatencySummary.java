package io.turnfleet.bench.report;

import org.HdrHistogram.Histogram;

/** Round-trip time percentiles in microseconds; all zero when nothing was measured. */
public record LatencySummary(long count, double p50, double p99, double p999, double max, double mean) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** Summarises a histogram of nanosecond values. */
    public static LatencySummary ofNanos(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(),
                micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(99)),
                micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()),
                Math.round(histogram.getMean() / 100.0) / 10.0);
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
