package io.turnfleet.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Medians per figure for a candidate server and a baseline server over repeated rounds, and the
 * candidate/baseline ratio. Pure: it works on parsed result lines.
 */
public final class Comparison {
    private Comparison() {
    }

    /** One table row; a median is empty when that server has no result for the figure (e.g. not run yet). */
    public record Row(Figure figure, OptionalDouble candidate, int candidateRuns, OptionalDouble baseline,
                      int baselineRuns) {
        public OptionalDouble ratio() {
            if (candidate.isEmpty() || baseline.isEmpty() || baseline.getAsDouble() == 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(candidate.getAsDouble() / baseline.getAsDouble());
        }
    }

    public static List<Row> rows(List<Figure> figures, List<JsonNode> lines, String candidate, String baseline) {
        List<Row> rows = new ArrayList<>();
        for (Figure figure : figures) {
            double[] c = values(figure, lines, candidate);
            double[] b = values(figure, lines, baseline);
            if (c.length == 0 && b.length == 0) {
                continue;
            }
            rows.add(new Row(figure, median(c), c.length, median(b), b.length));
        }
        return rows;
    }

    static double[] values(Figure figure, List<JsonNode> lines, String label) {
        return lines.stream()
                .filter(line -> label.equals(line.path("label").asText()))
                .filter(line -> figure.scenario().equals(line.path("scenario").asText()))
                .map(figure::valueIn)
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .toArray();
    }

    /** The middle value, or the mean of the two middle values for an even count. */
    public static OptionalDouble median(double[] values) {
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    }
}
