package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.turnfleet.operator.BuildModel;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TlsSpec;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.fleet.AddressFamilies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay image recipe (Jib: a numeric non-root user, no file capabilities, the JVM's memory flags) and
 * the pod spec the operator renders fit together: the user the container runtime starts the relay as, the
 * capabilities that process really holds, and the memory its JVM may take within the container limit.
 */
class RelayImageFitTest {
  private static final BuildModel IMAGE = BuildModel.of("relay-image");
  private static final String JIB = "jib-maven-plugin";
  private static final long MIB = 1024 * 1024;

  private static Deployment render(TurnServer ts) {
    return RelayDeployment.build(ts, "registry.example/turnfleet-relay:1.0", "c0ffee", 2,
        AddressFamilies.IPV4_ONLY, new RolloutStrategy(0), Duration.ofSeconds(90));
  }

  private static TurnServer withListeners(Listener... listeners) {
    TurnServer ts = turnServer(s -> s.setListeners(List.of(listeners)));
    ts.getSpec().setTls(new TlsSpec("media-tls"));
    return ts;
  }

  private static long startUid(Deployment d) {
    return ContainerCredentials.of(d, IMAGE.setting(JIB, "container", "user")).uid();
  }

  private static SecurityContext relay(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext();
  }

  @Test
  void aFleetOnHighPortsRunsAsTheImagesUserWithEveryCapabilityDroppedAndNoNewPrivileges() {
    Deployment d = render(withListeners(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TLS, 5349)));
    assertThat(IMAGE.setting(JIB, "container", "user")).isEqualTo("10001:10001");
    assertThat(startUid(d)).isEqualTo(10001L);
    assertThat(relay(d).getRunAsNonRoot()).isTrue();
    assertThat(relay(d).getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(relay(d).getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(relay(d).getAllowPrivilegeEscalation()).isFalse();
    assertThat(relay(d).getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void aListenerOn443RunsTheRelayAsUid0HoldingOnlyNetBindServiceBecauseTheImageGrantsNoFileCapability() {
    Deployment d = render(withListeners(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TLS, 443)));
    // Added capabilities reach a non-root process only through a file capability, which needs
    // allowPrivilegeEscalation and an image with extended attributes; Jib writes none.
    assertThat(startUid(d)).isZero();
    assertThat(relay(d).getRunAsNonRoot()).isFalse();
    assertThat(relay(d).getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(relay(d).getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
    assertThat(relay(d).getAllowPrivilegeEscalation()).isFalse();
    assertThat(relay(d).getReadOnlyRootFilesystem()).isTrue();
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsGroup()).as("files stay the image group's").isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void anAdminPortBelow1024IsALowPortToo() {
    Deployment d = render(turnServer(s -> s.setAdminPort(900)));
    assertThat(startUid(d)).isZero();
    assertThat(relay(d).getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
  }

  @Test
  void onlyAFleetWithAPortBelow1024LeavesTheImagesUser() {
    for (int port : new int[] {80, 443, 1023, 1024, 3478, 5349}) {
      Deployment d = render(withListeners(new Listener(ListenerProtocol.TCP, port)));
      boolean low = port < 1024;
      assertThat(startUid(d)).as("port %d", port).isEqualTo(low ? 0L : 10001L);
      assertThat(relay(d).getCapabilities().getAdd()).as("port %d", port)
          .isEqualTo(low ? List.of("NET_BIND_SERVICE") : List.of());
    }
  }

  @Test
  void theDefaultMemoryLimitHoldsTheHeapTheDirectBuffersAndTheJvmsOwnMemory() {
    long limit = Quantity.getAmountInBytes(RelayDeployment.resources(null).getLimits().get("memory")).longValueExact();
    List<String> options = List.of(RelaySizing.jvmOptions(RelayDeployment.resources(null)).orElseThrow().split(" "));
    long heap = limit * Long.parseLong(flag(options, "-XX:MaxRAMPercentage=").replace(".0", "")) / 100;
    long direct = Long.parseLong(flag(options, "-XX:MaxDirectMemorySize="));
    // metaspace, code cache, GC and thread stacks: about 65 MiB measured under load (README "Relay sizing")
    assertThat(limit - heap - direct).isGreaterThanOrEqualTo(96 * MIB);
  }

  @Test
  void theImageLeavesHeapAndDirectMemoryToThePodsJavaToolOptions() {
    // JAVA_TOOL_OPTIONS is read before the command line: a sizing flag in the image would win over the pod's
    List<String> flags = IMAGE.settings(JIB, "container", "jvmFlags");
    assertThat(flags).noneMatch(f -> f.startsWith("-XX:MaxRAMPercentage") || f.startsWith("-XX:MaxDirectMemorySize")
        || f.startsWith("-Xmx"));
    assertThat(flags).contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(render(turnServer(s -> {})).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anyMatch(e -> e.getName().equals(RelaySizing.JAVA_TOOL_OPTIONS));
  }

  private static String flag(List<String> flags, String prefix) {
    return flags.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length())).findFirst()
        .orElseThrow(() -> new AssertionError("the relay image sets no " + prefix));
  }
}
