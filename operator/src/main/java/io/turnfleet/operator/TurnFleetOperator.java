package io.turnfleet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.turnfleet.operator.reconcile.TurnServerReconciler;
import io.turnfleet.operator.secrets.AuthKeyGenerator;
import java.time.Clock;

/** Builds the java-operator-sdk Operator the same way for production and tests. */
public final class TurnFleetOperator {
  private TurnFleetOperator() {}

  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry,
      Clock clock) {
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).build())
          // Plain create/update/patch instead of server-side apply: one write path, the one the
          // tests exercise; DesiredHash keeps the comparison from flapping on defaulted fields.
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withCloseClientOnStop(false);
      settings.leaderElection().ifPresent(election -> o.withLeaderElectionConfiguration(
          new LeaderElectionConfiguration(LeaderElection.LEASE_NAME, election.leaseNamespace().orElse(null),
              election.leaseDuration(), election.renewDeadline(), election.retryPeriod(),
              election.identity().orElse(null), null, election.exitOnLoss())));
    });
    TurnServerReconciler reconciler =
        new TurnServerReconciler(settings.relayImage(), new AuthKeyGenerator(), clock, settings.loadPollInterval(),
            settings.fleetFileDelay());
    operator.register(reconciler, c -> {
      if (settings.watchNamespaces().isEmpty()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(settings.watchNamespaces());
      }
    });
    return operator;
  }
}
