package io.turnfleet.credentials.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real relay: {@code java -jar relay-image/target/turnfleet-relay.jar} on 127.0.0.1 with UDP and
 * TCP listeners on one free port, TURN REST credentials from {@code secretDir} and loopback peers
 * allowed (the tests' peers are on loopback). Ready once its {@code /readyz} says so.
 */
public final class RelayProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Process process;
  private final int port;
  private final URI admin;
  private final Path log;

  private RelayProcess(Process process, int port, URI admin, Path log) {
    this.process = process;
    this.port = port;
    this.admin = admin;
    this.log = log;
  }

  public static RelayProcess start(Path secretDir, Path workDir) throws IOException, InterruptedException {
    int port = freePort();
    URI admin = URI.create("http://127.0.0.1:" + freePort());
    int relayMin = 10_000 + ThreadLocalRandom.current().nextInt(0, 9) * 1_000;
    Path log = Files.createTempFile(workDir, "relay-", ".log");
    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar", relayJar().toString(),
        "--listen", "udp://127.0.0.1:" + port, "--listen", "tcp://127.0.0.1:" + port,
        "--realm", "turnfleet-credentials-it", "--auth-secret-dir", secretDir.toString(),
        "--relay-ports", relayMin + "-" + (relayMin + 999), "--allow-loopback-peers",
        "--admin-listen", admin.getHost() + ":" + admin.getPort()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RelayProcess relay = new RelayProcess(process, port, admin, log);
    relay.awaitReady();
    return relay;
  }

  static Path relayJar() {
    String root = System.getProperty("turnfleet.root", "..");
    Path jar = Path.of(root, "relay-image", "target", "turnfleet-relay.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the relay first "
          + "(mvn -pl relay-image,credentials -am verify builds it before these tests)");
    }
    return jar;
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("relay exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(admin.resolve("/readyz")).timeout(Duration.ofSeconds(1)).build(),
            BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // retried until the deadline
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("relay not ready after " + START_TIMEOUT + ":\n" + Files.readString(log));
  }

  public int port() {
    return port;
  }

  /** One sample of the relay's /metrics, e.g. {@code turnfleet_relayed_packets_total{direction="client_to_peer"}}. */
  public double metric(String sample) throws IOException, InterruptedException {
    String text = HTTP.send(HttpRequest.newBuilder(admin.resolve("/metrics")).build(), BodyHandlers.ofString()).body();
    for (String line : text.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    throw new AssertionError("no sample " + sample + " in the relay's /metrics");
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  /** SIGTERM, then SIGKILL if the relay has not drained and exited within 10 seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
