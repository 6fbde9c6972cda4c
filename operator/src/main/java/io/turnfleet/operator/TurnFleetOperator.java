package io.turnfleet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.turnfleet.operator.reconcile.FleetMetrics;
import io.turnfleet.operator.reconcile.TurnServerReconciler;
import io.turnfleet.operator.secrets.AuthKeyGenerator;
import java.time.Clock;

/** Builds the java-operator-sdk Operator the same way for production and tests. */
public final class TurnFleetOperator {
  private TurnFleetOperator() {}

  /**
   * @param onLeaseLost runs when this replica stops leading and its settings say to exit then
   *     ({@link LeaderElection#exitOnLoss()}); also called while the operator stops, when it is expected
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry,
      Clock clock, Runnable onLeaseLost) {
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).build())
          // Plain create/update/patch instead of server-side apply: one write path, the one the
          // tests exercise; DesiredHash keeps the comparison from flapping on defaulted fields.
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withCloseClientOnStop(false);
      // java-operator-sdk's exit on lost leadership stays off: see GracefulStop
      settings.leaderElection().ifPresent(election -> o.withLeaderElectionConfiguration(
          new LeaderElectionConfiguration(LeaderElection.LEASE_NAME, election.leaseNamespace().orElse(null),
              election.leaseDuration(), election.renewDeadline(), election.retryPeriod(),
              election.identity().orElse(null), new LeaderCallbacks(() -> {}, () -> {
                if (election.exitOnLoss()) {
                  onLeaseLost.run();
                }
              }, leader -> {}), false)));
    });
    TurnServerReconciler reconciler =
        new TurnServerReconciler(settings.defaultImages(), new AuthKeyGenerator(), clock, settings.loadPollInterval(),
            settings.fleetFileDelay(), new FleetMetrics(registry));
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
