package io.turnfleet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;

/**
 * Runs the TurnFleet operator against the current kubeconfig or the in-cluster service account.
 * Configuration comes from {@code TURNFLEET_*} environment variables; see {@code --help}.
 */
public final class OperatorMain {
  private OperatorMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0) {
      boolean help = args[0].equals("--help") || args[0].equals("-h");
      (help ? System.out : System.err).println(usage());
      System.exit(help ? 0 : 2);
    }
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(System.getenv());
      LogSetup.configure(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("turnfleet-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    KubernetesClient client = new KubernetesClientBuilder().build();
    GracefulStop stop = new GracefulStop();
    Operator operator = TurnFleetOperator.create(client, settings, registry, Clock.systemUTC(), stop::leaseLost);
    HealthEndpoints endpoints = HealthEndpoints.start(settings.httpPort(), operator.getRuntimeInfo(), registry);
    stop.steps(() -> {
      // reconciles end first, so that the next leader never works next to this one
      operator.stop();
      settings.leaderElection().ifPresent(election -> LeaseRelease.release(client,
          election.leaseNamespace().orElseGet(() -> client.getConfiguration().getNamespace()), LeaderElection.LEASE_NAME,
          election.identity().orElseThrow()));
      endpoints.close();
      client.close();
    });
    stop.install();
    operator.start();
  }

  static String usage() {
    return String.join("\n",
        "Usage: java -jar turnfleet-operator.jar",
        "Reconciles TurnServer resources (turnfleet.io/v1alpha1) into TURN relay fleets.",
        "Kubernetes access: the in-cluster service account, else the current kubeconfig.",
        "Environment:",
        "  " + OperatorSettings.WATCH_NAMESPACES + "  comma-separated namespaces to watch (default: all)",
        "  " + OperatorSettings.RELAY_IMAGE + "       relay image for TurnServers without spec.image (default: "
            + OperatorSettings.DEFAULT_RELAY_IMAGE + ")",
        "  " + OperatorSettings.CREDENTIALS_IMAGE + " credential service image for TurnServers without"
            + " spec.credentials.image (default: " + OperatorSettings.DEFAULT_CREDENTIALS_IMAGE + ")",
        "  " + OperatorSettings.HTTP_PORT + "         port of /healthz, /readyz, /metrics (default: 8080)",
        "  " + OperatorSettings.LEADER_ELECTION + "   true to elect a leader through Lease "
            + LeaderElection.LEASE_NAME + " (default: false)",
        "  " + OperatorSettings.LEASE_NAMESPACE + "   namespace of that Lease (default: the operator's own)",
        "  " + OperatorSettings.LEASE_IDENTITY + "    this replica's name in the Lease (default: HOSTNAME)",
        "  " + OperatorSettings.LOAD_POLL_INTERVAL + " how often each relay's /load is read, e.g. 10s or 500ms"
            + " (default: 10s)",
        "  " + LogSetup.LOG_LEVEL + "         error, warn, info, debug or trace (default: info)",
        "  " + LogSetup.LOG_FORMAT + "        text (for humans) or json (for log collectors; default: text)");
  }
}
