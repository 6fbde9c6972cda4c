package io.turnfleet.operator.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One relay container run as a process: {@code java -jar turnfleet-relay.jar} with the container's
 * arguments, {@code $(VAR)} references expanded from its environment (the downward API's
 * {@code spec.nodeName} among them) and container paths under {@code /etc/turnfleet} mapped to the
 * pod's directory. Readiness comes from the container's readiness probe, termination is SIGTERM,
 * then SIGKILL once the grace period is over, as a kubelet does.
 */
final class RelayProcess {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofMillis(300)).build();

  private final String pod;
  private final TestNode node;
  private final Process process;
  private final URI readiness;
  private final Path log;
  private final Instant started = Instant.now();
  private volatile Instant terminationStarted;
  private volatile Instant exited;
  private volatile boolean killed;

  private RelayProcess(String pod, TestNode node, Process process, URI readiness, Path log) {
    this.pod = pod;
    this.node = node;
    this.process = process;
    this.readiness = readiness;
    this.log = log;
    process.onExit().thenRun(() -> exited = Instant.now());
  }

  static RelayProcess start(Path jar, Pod pod, TestNode node, PodVolumes volumes, Path podDir, List<String> extraArgs)
      throws IOException {
    Container container = pod.getSpec().getContainers().get(0);
    Map<String, String> env = environment(container, pod, node);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    for (String arg : container.getArgs()) {
      command.add(hostPaths(expand(arg, env), volumes));
    }
    command.addAll(extraArgs);
    Path log = podDir.resolve("relay.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    var probe = container.getReadinessProbe().getHttpGet();
    URI readiness = URI.create("http://" + node.host() + ":" + probe.getPort().getIntVal() + probe.getPath());
    return new RelayProcess(pod.getMetadata().getName(), node, process, readiness, log);
  }

  private static Map<String, String> environment(Container container, Pod pod, TestNode node) {
    Map<String, String> env = new java.util.HashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        String field = var.getValueFrom().getFieldRef().getFieldPath();
        env.put(var.getName(), switch (field) {
          case "spec.nodeName" -> node.name();
          case "status.hostIP" -> node.ip();
          case "metadata.name" -> pod.getMetadata().getName();
          case "metadata.namespace" -> pod.getMetadata().getNamespace();
          default -> throw new IllegalArgumentException("the simulated kubelet cannot resolve fieldRef " + field);
        });
      }
    }
    return env;
  }

  /** Kubernetes expands {@code $(VAR)} in container args from the container's environment. */
  static String expand(String arg, Map<String, String> env) {
    Matcher m = VARIABLE.matcher(arg);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
    }
    return m.appendTail(out).toString();
  }

  private static String hostPaths(String arg, PodVolumes volumes) {
    int at = arg.indexOf("/etc/turnfleet");
    return at < 0 ? arg : arg.substring(0, at) + volumes.hostPath(arg.substring(at));
  }

  String pod() {
    return pod;
  }

  TestNode node() {
    return node;
  }

  boolean ready() {
    if (!process.isAlive()) {
      return false;
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofMillis(500)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM, once. */
  void terminate() {
    if (terminationStarted == null) {
      terminationStarted = Instant.now();
      process.destroy();
    }
  }

  boolean terminating() {
    return terminationStarted != null;
  }

  /** SIGKILL when the grace period is over. */
  void killIfOverdue(Duration grace) {
    if (terminationStarted != null && process.isAlive()
        && Duration.between(terminationStarted, Instant.now()).compareTo(grace) > 0) {
      killed = true;
      process.destroyForcibly();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  Optional<Termination> termination() {
    Instant end = exited;
    if (terminationStarted == null || end == null) {
      return Optional.empty();
    }
    return Optional.of(new Termination(pod, node.name(), terminationStarted, end, process.exitValue(), killed));
  }

  void forceStop() {
    process.destroyForcibly();
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  Instant started() {
    return started;
  }

  /** The process ended without being asked to (a crash). */
  boolean crashed() {
    return exited != null && terminationStarted == null;
  }
}
