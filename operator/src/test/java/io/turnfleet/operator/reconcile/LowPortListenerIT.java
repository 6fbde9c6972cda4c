package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.turnfleet.operator.BuildModel;
import io.turnfleet.operator.RepositoryFiles;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.fleet.AddressFamilies;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rendered pod spec's privileges applied to a real relay process on this kernel the way a container
 * runtime applies them (setpriv with the uid, gid, bounding set and no_new_privs runc would use), with
 * the image's user from its recipe: a fleet with a listener below 1024 binds it, and the security context
 * the operator rendered before (non-root, NET_BIND_SERVICE added) cannot.
 */
class LowPortListenerIT {
  private static final String IMAGE_USER = BuildModel.of("relay-image").setting("jib-maven-plugin", "container", "user");
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final long NET_BIND_SERVICE_BIT = 1L << 10;

  @BeforeAll
  static void runsAsRootWithSetpriv() throws IOException {
    assertThat(status(ProcessHandle.current().pid(), "Uid:").split("\\s+")[0])
        .as("LowPortListenerIT starts relays as other users, as a container runtime does: run the tests as root"
            + " (./test does)")
        .isEqualTo("0");
    try {
      new ProcessBuilder("setpriv", "--version").start().waitFor();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("setpriv is missing: apt-get install -y util-linux", e);
    }
  }

  private static Deployment fleetListeningOn(int udpPort) {
    return RelayDeployment.build(turnServer(s -> s.setListeners(List.of(new Listener(ListenerProtocol.UDP, udpPort)))),
        "registry.example/turnfleet-relay:1.0", "c0ffee", 1,
        AddressFamilies.IPV4_ONLY, new RolloutStrategy(0), Duration.ofSeconds(90));
  }

  @Test
  void aFleetWithAListenerBelow1024BindsItAsUid0HoldingOnlyNetBindService() throws Exception {
    int port = freeUdpPortBelow1024();
    ContainerCredentials credentials = ContainerCredentials.of(fleetListeningOn(port), IMAGE_USER);
    try (RunningRelay relay = start(credentials, port)) {
      assertThat(answersBinding(relay.process(), port)).as(relay.output()).isTrue();
      long pid = relay.process().pid();
      assertThat(status(pid, "Uid:")).startsWith("0\t");
      assertThat(Long.parseLong(status(pid, "CapEff:"), 16)).isEqualTo(NET_BIND_SERVICE_BIT);
      assertThat(status(pid, "NoNewPrivs:")).isEqualTo("1");
    }
  }

  @Test
  void aNonRootRelayWithNetBindServiceAddedCannotBindBelow1024() throws Exception {
    int port = freeUdpPortBelow1024();
    PodSpec pod = fleetListeningOn(port).getSpec().getTemplate().getSpec();
    // what the operator rendered before: the image's user, NET_BIND_SERVICE added, no_new_privs
    SecurityContext former = new SecurityContextBuilder(pod.getContainers().get(0).getSecurityContext())
        .withRunAsUser(null).withRunAsNonRoot(true).build();
    ContainerCredentials credentials = ContainerCredentials.of(pod.getSecurityContext(), former, IMAGE_USER);
    assertThat(credentials.uid()).isEqualTo(10001L);
    assertThat(credentials.capabilities()).containsExactly("NET_BIND_SERVICE");
    try (RunningRelay relay = start(credentials, port)) {
      assertThat(relay.process().waitFor(20, TimeUnit.SECONDS)).as("the relay exits").isTrue();
      assertThat(relay.process().exitValue()).as(relay.output()).isEqualTo(1);
      assertThat(relay.output()).containsIgnoringCase("permission denied");
    }
  }

  @Test
  void aFleetOnHighPortsServesAsTheImagesUserHoldingNoCapability() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      port = probe.getLocalPort();
    }
    ContainerCredentials credentials = ContainerCredentials.of(fleetListeningOn(port), IMAGE_USER);
    try (RunningRelay relay = start(credentials, port)) {
      assertThat(answersBinding(relay.process(), port)).as(relay.output()).isTrue();
      long pid = relay.process().pid();
      assertThat(status(pid, "Uid:")).startsWith("10001\t");
      assertThat(Long.parseLong(status(pid, "CapEff:"), 16)).isZero();
    }
  }

  private static RunningRelay start(ContainerCredentials credentials, int udpPort) throws IOException {
    int adminPort;
    try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
      adminPort = probe.getLocalPort();
    }
    List<String> command = new ArrayList<>(credentials.setpriv());
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:-UsePerfData", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", RepositoryFiles.relayJar().toAbsolutePath().toString(),
        "--listen", "udp://127.0.0.1:" + udpPort, "--admin-listen", "127.0.0.1:" + adminPort,
        "--relay-ip", "127.0.0.1", "--external-ip", "127.0.0.1", "--user", "demo:secret", "--threads", "1"));
    Path log = Files.createTempFile("low-port-relay", ".log");
    return new RunningRelay(new ProcessBuilder(command).directory(Path.of("/tmp").toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
  }

  /** Sends STUN Binding requests (RFC 8489) until the relay answers one or exits. */
  private static boolean answersBinding(Process relay, int port) throws IOException {
    byte[] request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442)
        .putLong(ThreadLocalRandom.current().nextLong()).putInt(7).array();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      socket.setSoTimeout(250);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (relay.isAlive() && System.nanoTime() < deadline) {
        socket.send(new DatagramPacket(request, request.length, LOOPBACK, port));
        byte[] answer = new byte[512];
        try {
          DatagramPacket packet = new DatagramPacket(answer, answer.length);
          socket.receive(packet);
          return ByteBuffer.wrap(answer).getShort() == 0x0101
              && ByteBuffer.wrap(answer, 8, 12).equals(ByteBuffer.wrap(request, 8, 12));
        } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
          // not listening yet
        }
      }
      return false;
    }
  }

  private static int freeUdpPortBelow1024() {
    for (int port = 1023; port >= 600; port--) {
      try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
        return probe.getLocalPort();
      } catch (SocketException taken) {
        // try the next one
      }
    }
    throw new AssertionError("no free UDP port within 600-1023 on 127.0.0.1");
  }

  /** A field of /proc/PID/status, e.g. "CapEff:". */
  private static String status(long pid, String field) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(line -> line.startsWith(field)).map(line -> line.substring(field.length()).strip())
        .findFirst().orElseThrow();
  }

  /** A relay process started with a container's credentials, its output in a file. */
  private record RunningRelay(Process process, Path log) implements AutoCloseable {
    String output() {
      try {
        return "relay output:\n" + Files.readString(log);
      } catch (IOException e) {
        return "relay output unreadable: " + e;
      }
    }

    @Override
    public void close() throws IOException {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      Files.deleteIfExists(log);
    }
  }
}
