package io.turnfleet.bench.compare;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Renders comparison rows as an aligned text table (and as Markdown for the README). */
public final class ComparisonTable {
    private ComparisonTable() {
    }

    public static String text(List<Comparison.Row> rows, String candidate, String baseline) {
        StringBuilder out = new StringBuilder();
        String format = "%-8s %-30s %14s %14s %8s  %s%n";
        out.append(String.format(Locale.ROOT, format, "scenario", "figure (median)", candidate, baseline,
                "ratio", "better"));
        for (Comparison.Row row : rows) {
            out.append(String.format(Locale.ROOT, format, row.figure().scenario(), row.figure().name(),
                    cell(row.candidate(), row.candidateRuns()), cell(row.baseline(), row.baselineRuns()),
                    ratio(row.ratio()), row.figure().higherIsBetter() ? "higher" : "lower"));
        }
        return out.toString();
    }

    public static String markdown(List<Comparison.Row> rows, String candidate, String baseline) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | figure (median) | ").append(candidate).append(" | ").append(baseline)
                .append(" | ratio | better |\n|---|---|---:|---:|---:|---|\n");
        for (Comparison.Row row : rows) {
            out.append("| ").append(row.figure().scenario()).append(" | ").append(row.figure().name().strip())
                    .append(" | ").append(cell(row.candidate(), row.candidateRuns()))
                    .append(" | ").append(cell(row.baseline(), row.baselineRuns()))
                    .append(" | ").append(ratio(row.ratio()))
                    .append(" | ").append(row.figure().higherIsBetter() ? "higher" : "lower").append(" |\n");
        }
        return out.toString();
    }

    static String cell(OptionalDouble value, int runs) {
        if (value.isEmpty()) {
            return "pending";
        }
        return number(value.getAsDouble()) + " (" + runs + ")";
    }

    static String ratio(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.2fx", ratio.getAsDouble()) : "-";
    }

    static String number(double v) {
        double abs = Math.abs(v);
        if (abs == 0) {
            return "0";
        }
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (abs >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
