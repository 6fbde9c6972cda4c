package io.turnfleet.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode s1(String label, double pps, double cpuPerMillion) {
        return json("{\"label\":\"" + label + "\",\"scenario\":\"S1\",\"traffic\":{\"relayedPacketsPerSecond\":" + pps
                + "},\"serverCpu\":{\"secondsPerMillionPackets\":" + cpuPerMillion + "}}");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Comparison.median(new double[] {3, 1, 2}).getAsDouble()).isEqualTo(2);
        assertThat(Comparison.median(new double[] {4, 1, 3, 2}).getAsDouble()).isEqualTo(2.5);
        assertThat(Comparison.median(new double[] {})).isEmpty();
    }

    @Test
    void rowsHoldMediansPerServerAndTheCandidateOverBaselineRatio() {
        List<JsonNode> lines = List.of(s1("turnfleet", 300, 2), s1("turnfleet", 100, 4), s1("turnfleet", 200, 3),
                s1("coturn", 100, 4), s1("coturn", 100, 5), s1("coturn", 100, 6));

        List<Comparison.Row> rows = Comparison.rows(Figure.STANDARD.subList(0, 2), lines, "turnfleet", "coturn");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).candidate().getAsDouble()).isEqualTo(200);
        assertThat(rows.get(0).baseline().getAsDouble()).isEqualTo(100);
        assertThat(rows.get(0).ratio().getAsDouble()).isEqualTo(2.0);
        assertThat(rows.get(0).candidateRuns()).isEqualTo(3);
        assertThat(rows.get(1).ratio().getAsDouble()).isEqualTo(0.6);
    }

    @Test
    void candidateWithoutResultsIsPendingAndHasNoRatio() {
        List<Comparison.Row> rows = Comparison.rows(Figure.STANDARD.subList(0, 1), List.of(s1("coturn", 100, 4)),
                "turnfleet", "coturn");

        assertThat(rows.get(0).candidate()).isEmpty();
        assertThat(rows.get(0).ratio()).isEmpty();
        assertThat(ComparisonTable.text(rows, "turnfleet", "coturn"))
                .containsPattern("S1\\s+relayed packets/s\\s+pending\\s+100\\.0 \\(1\\)\\s+-\\s+higher");
    }

    @Test
    void figuresWithNoResultsAtAllAreLeftOut() {
        List<Comparison.Row> rows = Comparison.rows(Figure.STANDARD, List.of(s1("coturn", 100, 4)), "turnfleet",
                "coturn");

        assertThat(rows).extracting(r -> r.figure().scenario()).containsOnly("S1");
    }

    @Test
    void memoryPerAllocationIsHeapPlusRssGrowthOverEstablishedAllocations() {
        JsonNode jvm = json("{\"label\":\"turnfleet\",\"scenario\":\"S3-1000\",\"memory\":{\"established\":1000,"
                + "\"rssBaselineBytes\":100000000,\"rssLoadedBytes\":104000000,"
                + "\"heapBaselineBytes\":20000000,\"heapLoadedBytes\":28000000}}");
        JsonNode native_ = json("{\"label\":\"coturn\",\"scenario\":\"S3-1000\",\"memory\":{\"established\":1000,"
                + "\"rssBaselineBytes\":10000000,\"rssLoadedBytes\":33000000}}");
        List<JsonNode> lines = new ArrayList<>(List.of(jvm, native_));

        List<Comparison.Row> rows = Comparison.rows(Figure.STANDARD, lines, "turnfleet", "coturn");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).candidate().getAsDouble()).isEqualTo(12_000);
        assertThat(rows.get(0).baseline().getAsDouble()).isEqualTo(23_000);
        assertThat(rows.get(1).candidate().getAsDouble()).isEqualTo(8_000);
        assertThat(rows.get(1).baseline().getAsDouble()).isZero();
        assertThat(rows.get(2).candidate().getAsDouble()).isEqualTo(4_000);
    }

    @Test
    void markdownTableHasOneRowPerFigure() {
        List<Comparison.Row> rows = Comparison.rows(Figure.STANDARD.subList(0, 2),
                List.of(s1("turnfleet", 250, 2), s1("coturn", 100, 4)), "turnfleet", "coturn");

        assertThat(ComparisonTable.markdown(rows, "turnfleet", "coturn"))
                .contains("| scenario | figure (median) | turnfleet | coturn | ratio | better |")
                .contains("| S1 | relayed packets/s | 250.0 (1) | 100.0 (1) | 2.50x | higher |")
                .contains("| S1 | server CPU s per 1M relayed | 2.000 (1) | 4.000 (1) | 0.50x | lower |");
    }

    @Test
    void numbersAreShownWithSensiblePrecision() {
        assertThat(ComparisonTable.number(123456.7)).isEqualTo("123457");
        assertThat(ComparisonTable.number(42.25)).isEqualTo("42.3");
        assertThat(ComparisonTable.number(0.5)).isEqualTo("0.500");
        assertThat(ComparisonTable.number(0.00012)).isEqualTo("1.20e-04");
        assertThat(ComparisonTable.number(0)).isEqualTo("0");
    }
}
