package io.turnfleet.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalDouble;

/**
 * Memory per idle allocation from a memory line written by {@code compare.sh}:
 * <pre>{"label":"coturn","scenario":"S3-1000","memory":{"established":1000,
 *   "rssBaselineBytes":..,"rssLoadedBytes":..,"heapBaselineBytes":..,"heapLoadedBytes":..}}</pre>
 * RSS is measured for every server; heap (used after a full GC) only for the JVM, whose heap is
 * pre-touched ({@code -XX:+AlwaysPreTouch}) so that heap growth does not show up in RSS twice.
 * Total = heap delta + RSS delta, divided by the allocations that were established.
 */
final class MemoryFigures {
    static final String TOTAL = "memory:total";
    static final String HEAP = "memory:heap";
    static final String RSS = "memory:rss";

    private MemoryFigures() {
    }

    static OptionalDouble value(String figure, JsonNode line) {
        JsonNode memory = line.path("memory");
        double established = memory.path("established").asDouble(0);
        if (!memory.isObject() || established <= 0) {
            return OptionalDouble.empty();
        }
        double rss = memory.path("rssLoadedBytes").asDouble() - memory.path("rssBaselineBytes").asDouble();
        double heap = memory.path("heapLoadedBytes").asDouble(0) - memory.path("heapBaselineBytes").asDouble(0);
        double bytes = switch (figure) {
            case TOTAL -> rss + heap;
            case HEAP -> heap;
            case RSS -> rss;
            default -> throw new IllegalArgumentException("unknown memory figure " + figure);
        };
        return OptionalDouble.of(bytes / established);
    }
}
