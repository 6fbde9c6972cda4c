package io.turnfleet.operator.monitoring;

import io.turnfleet.operator.RepositoryFiles;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged relay ({@code relay-image/target/turnfleet-relay.jar}) run as a process on 127.0.0.1
 * with a UDP and a TLS listener; the TLS certificate is a self-signed one made by the JDK's keytool.
 */
final class RelayJarProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofMillis(500)).build();
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final Process process;
  private final Path log;
  private final int adminPort;

  private RelayJarProcess(Process process, Path log, int adminPort) {
    this.process = process;
    this.log = log;
    this.adminPort = adminPort;
  }

  /** Starts the relay and waits until {@code /readyz} answers 200. */
  static RelayJarProcess startWithTls(Path dir) throws Exception {
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    writeSelfSignedCertificate(dir, cert, key);
    int adminPort = freeTcpPort();
    Path log = dir.resolve("relay.log");
    List<String> command = List.of(javaTool("java"), "-Xmx96m", "-XX:+UseSerialGC", "-jar",
        RepositoryFiles.relayJar().toString(),
        "--listen", "udp://127.0.0.1:" + freeUdpPort(),
        "--listen", "tls://127.0.0.1:" + freeTcpPort(),
        "--tls-cert", cert.toString(), "--tls-key", key.toString(),
        "--relay-ip", "127.0.0.1", "--external-ip", "127.0.0.1",
        "--realm", "example.com", "--user", "alice:wonderland",
        "--admin-listen", "127.0.0.1:" + adminPort, "--threads", "2");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RelayJarProcess relay = new RelayJarProcess(process, log, adminPort);
    try {
      relay.awaitReady();
      return relay;
    } catch (Exception | AssertionError e) {
      relay.close();
      throw e;
    }
  }

  URI metricsUri() {
    return URI.create("http://127.0.0.1:" + adminPort + "/metrics");
  }

  /**
   * Runs a full collection in the relay ({@code jcmd <pid> GC.run}): Micrometer registers the GC
   * pause timers at the first collection after start, which a short-lived relay may not have had.
   */
  void collectGarbage() throws Exception {
    Process jcmd = new ProcessBuilder(javaTool("jcmd"), Long.toString(process.pid()), "GC.run")
        .redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.run failed: " + output);
    }
  }

  private void awaitReady() throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    URI readyz = URI.create("http://127.0.0.1:" + adminPort + "/readyz");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("relay exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the admin port opens after the listeners are bound
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("relay not ready within 60 s:\n" + Files.readString(log));
  }

  private static void writeSelfSignedCertificate(Path dir, Path certFile, Path keyFile) throws Exception {
    Path keystore = dir.resolve("relay.p12");
    char[] password = "test-only".toCharArray();
    Process keytool = new ProcessBuilder(javaTool("keytool"), "-genkeypair", "-alias", "relay", "-keyalg", "EC",
        "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=relay.example", "-validity", "30",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(password))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keystore.toFile())) {
      store.load(in, password);
    }
    Certificate certificate = store.getCertificate("relay");
    Key key = store.getKey("relay", password);
    // The JDK encodes private keys as PKCS#8, the form --tls-key expects.
    Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static String javaTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
