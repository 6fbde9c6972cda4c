package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator as a pod runs it: its shaded jar in a process of its own, configured by environment
 * as the chart configures it (leader election on), against the mock API server. SIGTERM is what the
 * kubelet sends when the pod stops ({@link Process#destroy()} sends it).
 */
class OperatorProcessIT {
  private static final String IDENTITY = "turnfleet-operator-7d9f-abc12";
  private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

  private MockCluster cluster;
  private KubernetesClient client;
  private Process operator;
  private Path log;

  @BeforeEach
  void start() throws IOException {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.grantSelfSubjectRules(LeaderElectionIT.chartLeaseRules());
    log = Files.createTempFile("turnfleet-operator", ".log");
  }

  @AfterEach
  void stop() throws IOException {
    if (operator != null && operator.isAlive()) {
      operator.destroyForcibly();
    }
    cluster.close();
    Files.deleteIfExists(log);
  }

  private Process startOperator() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", RepositoryFiles.operatorJar().toString());
    Map<String, String> env = builder.environment();
    env.put("KUBERNETES_MASTER", client.getMasterUrl().toString());
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    // see MockCluster: the mock garbles the JDK client's h2c upgrade
    env.put("KUBERNETES_HTTP2_DISABLE", "true");
    env.put(OperatorSettings.LEADER_ELECTION, "true");
    env.put(OperatorSettings.LEASE_NAMESPACE, HelmChart.RELEASE_NAMESPACE);
    env.put(OperatorSettings.LEASE_IDENTITY, IDENTITY);
    env.put(OperatorSettings.HTTP_PORT, "0");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private Optional<Lease> lease() {
    return Optional.ofNullable(client.leases().inNamespace(HelmChart.RELEASE_NAMESPACE)
        .withName(LeaderElection.LEASE_NAME).get());
  }

  @Test
  void aLeadingOperatorReleasesItsLeaseAndExitsZeroWithinSecondsOfSigterm() throws Exception {
    operator = startOperator();
    await().atMost(Duration.ofSeconds(60)).until(() -> lease().map(l -> IDENTITY.equals(l.getSpec().getHolderIdentity()))
        .orElse(false));

    Instant sent = Instant.now();
    operator.destroy();
    boolean exited = operator.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    Duration took = Duration.between(sent, Instant.now());
    String output = Files.readString(log);
    assertThat(exited).as("exited within %s of SIGTERM; output:%n%s", STOP_WITHIN, output).isTrue();
    assertThat(operator.exitValue()).as("exit code; output:%n%s", output).isZero();
    Lease released = lease().orElseThrow();
    assertThat(released.getSpec().getHolderIdentity()).as("holder after SIGTERM").isNull();
    assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
    System.out.printf("=== OperatorProcessIT: exit %d %d ms after SIGTERM, Lease released%n", operator.exitValue(),
        took.toMillis());
  }
}
