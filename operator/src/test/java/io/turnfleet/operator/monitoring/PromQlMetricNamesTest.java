package io.turnfleet.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {
  @Test
  void functionsAggregationsLabelsAndDurationsAreNotMetricNames() {
    assertThat(PromQlMetricNames.of("sum by (namespace, turnserver) (rate(turnfleet_requests_total"
        + "{job=\"turnfleet-relay\",method=\"allocate\",result=~\"300|508\"}[5m])) > 0"))
        .containsExactly("turnfleet_requests_total");
  }

  @Test
  void bothSidesOfBinaryOperatorsAndSetOperatorsAreFound() {
    assertThat(PromQlMetricNames.of("(time() - turnfleet_drain_deadline_timestamp_seconds > 60) and "
        + "turnfleet_draining == 1 unless on (namespace, pod) up offset 5m"))
        .containsExactly("turnfleet_drain_deadline_timestamp_seconds", "turnfleet_draining", "up");
  }

  @Test
  void grafanaVariablesAndLabelValuesQueriesAreUnderstood() {
    assertThat(PromQlMetricNames.of("rate(jvm_gc_pause_seconds_sum{pod=~\"$pod\"}[$__rate_interval]) * 1e3"))
        .containsExactly("jvm_gc_pause_seconds_sum");
    assertThat(PromQlMetricNames.of("label_values(turnfleet_ready{namespace=~\"$namespace\",turnserver=~\"$turnserver\"}, pod)"))
        .containsExactly("turnfleet_ready");
  }

  @Test
  void aBareMetricIsItsOwnName() {
    assertThat(PromQlMetricNames.of("up")).containsExactly("up");
  }
}
