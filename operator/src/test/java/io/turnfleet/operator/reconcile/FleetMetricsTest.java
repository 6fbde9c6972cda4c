package io.turnfleet.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.turnfleet.operator.api.ReplicasSpec;
import io.turnfleet.operator.api.SharedSecretStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerStatus;
import org.junit.jupiter.api.Test;

class FleetMetricsTest {
  private static final String LABELS = "{namespace=\"turn\",turnserver=\"media\"}";
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final FleetMetrics metrics = new FleetMetrics(registry);
  private final TurnServer ts = SampleFleets.turnServer(s -> s.setReplicas(new ReplicasSpec(2, 6)));

  @Test
  void theLastComputedStatusIsPublishedPerTurnServer() {
    TurnServerStatus status = new TurnServerStatus();
    status.setReplicas(4);
    status.setReadyReplicas(3);
    status.setAllocations(1830);
    status.setSharedSecret(new SharedSecretStatus("2026-12-05T03:00:00Z", "2026-12-06T03:00:00Z", null));
    metrics.record(ts, status);

    String scrape = registry.scrape();
    assertThat(value(scrape, "turnfleet_turnserver_relays_desired" + LABELS)).isEqualTo(4);
    assertThat(value(scrape, "turnfleet_turnserver_relays_ready" + LABELS)).isEqualTo(3);
    assertThat(value(scrape, "turnfleet_turnserver_relays_min" + LABELS)).isEqualTo(2);
    assertThat(value(scrape, "turnfleet_turnserver_relays_max" + LABELS)).isEqualTo(6);
    assertThat(value(scrape, "turnfleet_turnserver_allocations" + LABELS)).isEqualTo(1830);
    assertThat(value(scrape, "turnfleet_turnserver_secret_last_rotation_timestamp_seconds" + LABELS))
        .isEqualTo(1_796_439_600);
    assertThat(value(scrape, "turnfleet_turnserver_secret_next_rotation_timestamp_seconds" + LABELS))
        .isEqualTo(1_796_526_000);
  }

  @Test
  void onlyChangesOfSizeCountAsScalingDecisions() {
    metrics.scaled(ts, 2, 3);
    metrics.scaled(ts, 3, 5);
    metrics.scaled(ts, 5, 4);
    metrics.scaled(ts, 4, 4);

    String scrape = registry.scrape();
    assertThat(value(scrape, "turnfleet_turnserver_scaling_decisions_total{direction=\"up\",namespace=\"turn\","
        + "turnserver=\"media\"}")).isEqualTo(2);
    assertThat(value(scrape, "turnfleet_turnserver_scaling_decisions_total{direction=\"down\",namespace=\"turn\","
        + "turnserver=\"media\"}")).isEqualTo(1);
  }

  @Test
  void failedReconciliationsAreCountedFromZero() {
    metrics.record(ts, new TurnServerStatus());
    assertThat(value(registry.scrape(), "turnfleet_turnserver_reconcile_failures_total" + LABELS)).isZero();
    metrics.reconcileFailed(ts);
    metrics.reconcileFailed(ts);
    assertThat(value(registry.scrape(), "turnfleet_turnserver_reconcile_failures_total" + LABELS)).isEqualTo(2);
  }

  @Test
  void aDeletedTurnServerLeavesNoSeries() {
    metrics.record(ts, new TurnServerStatus());
    metrics.scaled(ts, 1, 2);
    metrics.forget(ts);
    assertThat(registry.scrape()).doesNotContain("turnserver=\"media\"");
  }

  private static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("series " + series + " not in scrape:\n" + scrape);
  }
}
