package io.turnfleet.relay.admin;

import java.util.Locale;

/** Exposition format of {@code /metrics}, chosen from the scraper's Accept header. */
public enum ScrapeFormat {
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    OPENMETRICS_TEXT("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ScrapeFormat(String contentType) {
        this.contentType = contentType;
    }

    /**
     * OpenMetrics when the scraper lists it (Prometheus does, ranked by q-values we need not weigh:
     * every scraper that names OpenMetrics prefers it), Prometheus text otherwise, also without Accept.
     */
    public static ScrapeFormat forAccept(String accept) {
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")) {
            return OPENMETRICS_TEXT;
        }
        return PROMETHEUS_TEXT;
    }

    /** Content-Type header of the response, also the key by which Micrometer picks its writer. */
    public String contentType() {
        return contentType;
    }
}
