package io.turnfleet.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapeFormatTest {

    @Test
    void noAcceptHeaderGetsPrometheusText() {
        assertThat(ScrapeFormat.forAccept(null)).isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(ScrapeFormat.PROMETHEUS_TEXT.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void prometheusServerAcceptHeaderGetsOpenMetrics() {
        String prometheus = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
                + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
        assertThat(ScrapeFormat.forAccept(prometheus)).isEqualTo(ScrapeFormat.OPENMETRICS_TEXT);
        assertThat(ScrapeFormat.OPENMETRICS_TEXT.contentType())
                .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    }

    @Test
    void protobufOrWildcardAcceptGetsPrometheusText() {
        assertThat(ScrapeFormat.forAccept("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily"))
                .isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(ScrapeFormat.forAccept("*/*")).isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
    }
}
