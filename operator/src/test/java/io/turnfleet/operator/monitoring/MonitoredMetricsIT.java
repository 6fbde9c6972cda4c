package io.turnfleet.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.turnfleet.operator.HealthEndpoints;
import io.turnfleet.operator.MockCluster;
import io.turnfleet.operator.api.ReplicasSpec;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the chart's dashboards and alert rules read is exported by a real relay (the packaged
 * jar, run as a process with a TLS listener) and a real operator (reconciling a TurnServer against the
 * mock API server), each scraped over HTTP at {@code /metrics}.
 */
class MonitoredMetricsIT {
  /** Series Prometheus makes itself for every scrape target. */
  private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void everyMetricOfTheDashboardsAndAlertsIsExportedByARunningRelayAndOperator(@TempDir Path dir) throws Exception {
    Set<String> exported = new TreeSet<>();
    try (RelayJarProcess relay = RelayJarProcess.startWithTls(dir)) {
      relay.collectGarbage();
      exported.addAll(sampleNames(get(relay.metricsUri())));
    }
    exported.addAll(sampleNames(scrapeReconcilingOperator()));

    ChartMonitoring chart = ChartMonitoring.render();
    Set<String> used = new TreeSet<>();
    chart.dashboardExpressions().forEach(e -> used.addAll(PromQlMetricNames.of(e)));
    chart.ruleExpressions().forEach(e -> used.addAll(PromQlMetricNames.of(e)));
    used.removeAll(MADE_BY_PROMETHEUS);

    assertThat(used).as("metric names read by dashboards and rules").hasSizeGreaterThan(25);
    assertThat(exported).as("series scraped from the relay and the operator").containsAll(used);
  }

  private static String scrapeReconcilingOperator() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MockCluster cluster = new MockCluster()) {
      cluster.startOperator(MockCluster.testSettings(), registry);
      try (HealthEndpoints endpoints = HealthEndpoints.start(0, cluster.operator().getRuntimeInfo(), registry)) {
        TurnServer ts = new TurnServer();
        ts.getMetadata().setName("media");
        ts.getMetadata().setNamespace("turn");
        TurnServerSpec spec = new TurnServerSpec();
        spec.setRealm("example.com");
        spec.setReplicas(new ReplicasSpec(1, 3));
        ts.setSpec(spec);
        cluster.client().resources(TurnServer.class).resource(ts).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.turnServer("turn", "media"),
            t -> t.getStatus() != null && t.getStatus().getSharedSecret() != null);
        URI metrics = URI.create("http://127.0.0.1:" + endpoints.port() + "/metrics");
        return await().atMost(Duration.ofSeconds(10)).until(() -> get(metrics),
            scrape -> scrape.contains("turnfleet_turnserver_secret_next_rotation_timestamp_seconds{"));
      }
    }
  }

  /** Names of the samples in a Prometheus text exposition (histogram and summary parts included). */
  static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
    return response.body();
  }
}
