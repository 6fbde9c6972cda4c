package io.turnfleet.operator.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The parts of a cluster the mock API server lacks, for one relay Deployment, run every 100 ms:
 *
 * <ul>
 *   <li>Deployment and ReplicaSet controller: keeps {@code spec.replicas} pods of the current
 *       template; a scale-down deletes pods in the ReplicaSet's order (not ready first, then the
 *       lowest {@code controller.kubernetes.io/pod-deletion-cost}, then the newest); a template
 *       change replaces pods as the RollingUpdate strategy allows (maxSurge 0, maxUnavailable 1:
 *       one old pod is deleted only while all others are available, its replacement is created at
 *       once; maxSurge 1, maxUnavailable 0: the replacement first, the old pod once it is available,
 *       i.e. ready for minReadySeconds); status reports replicas, updated and ready ones.
 *   <li>Scheduler: a pod goes to the first node without a pod of the fleet, terminating ones
 *       included (required anti-affinity; the terminating relay still holds the node's ports).
 *   <li>Kubelet: runs each scheduled pod as a relay process with its volumes materialized and kept in
 *       sync, sets the pod IP (the node's: host networking) and readiness from the readiness probe,
 *       and on deletion sends SIGTERM, waits for the exit (SIGKILL after the grace period), then
 *       lets the pod go. Pods carry a finalizer of this kubelet so that a deleted pod stays, with its
 *       deletionTimestamp, until the relay exited, as graceful deletion keeps it in a cluster.
 * </ul>
 *
 * <p>Relays bind the node's loopback address instead of the wildcard: the ConfigMap files the pod
 * mounts are written with {@code 0.0.0.0:} (on an IPv6 node {@code [::]:}) replaced by the node's
 * address. That and
 * {@code extraArgs} are the only differences from the pod the operator asked for.
 */
public final class RelayKubelet implements AutoCloseable {
  public static final String FINALIZER = "test.turnfleet.io/simulated-kubelet";
  private static final String CONFIG_HASH = "turnfleet.io/config-hash";
  private static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private final KubernetesClient client;
  private final String namespace;
  private final String deploymentName;
  private final List<TestNode> nodes;
  private final Path relayJar;
  private final Path workDir;
  private final List<String> extraArgs;
  private final Map<String, RelayProcess> processes = new ConcurrentHashMap<>();
  private final Map<String, PodVolumes> volumes = new ConcurrentHashMap<>();
  private final List<Termination> terminations = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> crashed = ConcurrentHashMap.newKeySet();
  /** When each pod last became ready, for the Deployment's minReadySeconds. */
  private final Map<String, Instant> readySince = new ConcurrentHashMap<>();
  private final Instant origin = Instant.now();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "simulated-kubelet");
    t.setDaemon(true);
    return t;
  });
  private int podCounter;

  public RelayKubelet(KubernetesClient client, String namespace, String deploymentName, List<TestNode> nodes,
      Path relayJar, Path workDir, List<String> extraArgs) {
    this.client = client;
    this.namespace = namespace;
    this.deploymentName = deploymentName;
    this.nodes = List.copyOf(nodes);
    this.relayJar = relayJar;
    this.workDir = workDir;
    this.extraArgs = List.copyOf(extraArgs);
  }

  public void start() {
    loop.scheduleWithFixedDelay(this::step, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Relay processes that ended after their pod was deleted. */
  public List<Termination> terminations() {
    return List.copyOf(terminations);
  }

  /** What this kubelet did, with seconds since it started, for the test's report. */
  public List<String> events() {
    return List.copyOf(events);
  }

  /** Unexpected failures (relays that crashed, API errors other than conflicts). */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** The node a live relay pod runs on. */
  public Optional<TestNode> nodeOf(String pod) {
    return Optional.ofNullable(processes.get(pod)).map(RelayProcess::node);
  }

  public Optional<String> logOf(String pod) {
    return Optional.ofNullable(processes.get(pod)).map(RelayProcess::logTail);
  }

  private void note(String event) {
    events.add(String.format("t+%5.1fs %s", Duration.between(origin, Instant.now()).toMillis() / 1000.0, event));
  }

  private void step() {
    try {
      Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(deploymentName).get();
      List<Pod> pods = relayPods(deployment);
      if (deployment != null) {
        control(deployment, pods);
        pods = relayPods(deployment);
        schedule(pods);
        pods = relayPods(deployment);
      }
      run(pods);
      if (deployment != null) {
        report(deployment, relayPods(deployment));
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        errors.add("API: " + e.getMessage());
      }
    } catch (RuntimeException | IOException e) {
      errors.add(e.toString());
    }
  }

  private List<Pod> relayPods(Deployment deployment) {
    if (deployment == null) {
      return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/component", "relay").list().getItems();
    }
    return client.pods().inNamespace(namespace).withLabels(deployment.getSpec().getSelector().getMatchLabels())
        .list().getItems();
  }

  private static boolean terminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String hash(Pod pod) {
    return pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(CONFIG_HASH);
  }

  /** The ReplicaSet's order of deletion: unscheduled, not ready, old template, lowest cost, newest. */
  private static Comparator<Pod> deletionOrder(String currentHash) {
    return Comparator.<Pod, Boolean>comparing(p -> p.getSpec().getNodeName() != null)
        .thenComparing(RelayKubelet::ready)
        .thenComparing(p -> Objects.equals(hash(p), currentHash))
        .thenComparingLong(RelayKubelet::deletionCost)
        .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder());
  }

  private static long deletionCost(Pod pod) {
    String cost = pod.getMetadata().getAnnotations() == null ? null
        : pod.getMetadata().getAnnotations().get(DELETION_COST);
    return cost == null ? 0 : Long.parseLong(cost);
  }

  /**
   * One step of the Deployment controller: without a template change, scale to {@code replicas};
   * during a rollout, remove old pods while at least {@code replicas - maxUnavailable} stay
   * available (ready for {@code minReadySeconds}; new pods not yet available count against it) and
   * add new ones up to {@code replicas + maxSurge} pods.
   */
  private void control(Deployment deployment, List<Pod> pods) {
    String current = deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(CONFIG_HASH);
    int replicas = deployment.getSpec().getReplicas();
    var rolling = deployment.getSpec().getStrategy().getRollingUpdate();
    int maxSurge = rolling.getMaxSurge().getIntVal();
    int maxUnavailable = rolling.getMaxUnavailable().getIntVal();
    Duration minReady = Duration.ofSeconds(Optional.ofNullable(deployment.getSpec().getMinReadySeconds()).orElse(0));
    List<Pod> active = new ArrayList<>(pods.stream().filter(p -> !terminating(p)).toList());
    active.sort(deletionOrder(current));
    List<Pod> old = active.stream().filter(p -> !Objects.equals(hash(p), current)).toList();
    if (old.isEmpty()) {
      while (active.size() > replicas) {
        delete(active.remove(0), "scale-down to " + replicas);
      }
    } else {
      long fresh = active.size() - old.size();
      long freshUnavailable = active.stream()
          .filter(p -> Objects.equals(hash(p), current) && !available(p, minReady)).count();
      long removable = active.size() - (replicas - maxUnavailable) - freshUnavailable;
      for (Pod replaced : old) {
        if (removable-- <= 0) {
          break;
        }
        active.remove(replaced);
        delete(replaced, "rolling update, maxSurge " + maxSurge + ", maxUnavailable " + maxUnavailable);
      }
      long wanted = Math.min(replicas, replicas + maxSurge - active.size() + fresh);
      for (long i = fresh; i < wanted; i++) {
        create(deployment, current);
      }
      return;
    }
    for (int i = active.size(); i < replicas; i++) {
      create(deployment, current);
    }
  }

  private boolean available(Pod pod, Duration minReady) {
    Instant since = readySince.get(pod.getMetadata().getName());
    return ready(pod) && since != null && !since.plus(minReady).isAfter(Instant.now());
  }

  private void delete(Pod pod, String why) {
    note("delete pod " + pod.getMetadata().getName() + " (deletion cost " + deletionCost(pod) + "): " + why);
    client.pods().resource(pod).delete();
  }

  private void create(Deployment deployment, String hash) {
    var template = deployment.getSpec().getTemplate();
    String name = deploymentName + "-" + hash.substring(0, 8) + "-" + (++podCounter);
    client.pods().resource(new PodBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .withLabels(template.getMetadata().getLabels())
          .withAnnotations(template.getMetadata().getAnnotations())
          .withFinalizers(FINALIZER)
        .endMetadata()
        .withSpec(template.getSpec())
        .withNewStatus().withPhase("Pending").endStatus()
        .build()).create();
    note("create pod " + name);
  }

  private void schedule(List<Pod> pods) {
    for (Pod pod : pods) {
      if (terminating(pod) || pod.getSpec().getNodeName() != null) {
        continue;
      }
      Optional<TestNode> free = nodes.stream()
          .filter(n -> relayPodsOn(n, pods) == 0)
          .findFirst();
      if (free.isPresent()) {
        client.pods().resource(pod).edit(p -> {
          p.getSpec().setNodeName(free.get().name());
          return p;
        });
        pod.getSpec().setNodeName(free.get().name()); // the next pod must see this node taken
        note("schedule pod " + pod.getMetadata().getName() + " on " + free.get().name());
      }
    }
  }

  private static long relayPodsOn(TestNode node, List<Pod> pods) {
    return pods.stream().filter(p -> node.name().equals(p.getSpec().getNodeName())).count();
  }

  private void run(List<Pod> pods) throws IOException {
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      String nodeName = pod.getSpec().getNodeName();
      RelayProcess process = processes.get(name);
      if (terminating(pod)) {
        terminate(pod, process);
        continue;
      }
      if (nodeName == null) {
        continue;
      }
      TestNode node = nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst().orElseThrow();
      if (process == null) {
        Path podDir = Files.createDirectories(workDir.resolve(name));
        PodVolumes podVolumes = new PodVolumes(client, pod, podDir,
            text -> text.replace(node.wildcard(), node.host() + ":").replace("/etc/turnfleet", podDir + "/etc/turnfleet"));
        podVolumes.sync();
        volumes.put(name, podVolumes);
        process = RelayProcess.start(relayJar, pod, node, podVolumes, podDir, extraArgs);
        processes.put(name, process);
        note("start relay of pod " + name + " on " + node.name() + " (" + node.ip() + ")");
      } else {
        volumes.get(name).sync();
      }
      if (process.crashed()) {
        if (!crashed.contains(name)) {
          crashed.add(name);
          errors.add("relay of pod " + name + " exited on its own:\n" + process.logTail());
          note("relay of pod " + name + " crashed");
        }
      }
      setStatus(pod, node, process.ready());
    }
  }

  private void terminate(Pod pod, RelayProcess process) {
    String name = pod.getMetadata().getName();
    if (process == null) {
      release(pod);
      return;
    }
    if (!process.terminating()) {
      process.terminate();
      note("SIGTERM relay of pod " + name);
      setStatus(pod, process.node(), false);
    }
    long grace = Optional.ofNullable(pod.getSpec().getTerminationGracePeriodSeconds()).orElse(30L);
    process.killIfOverdue(Duration.ofSeconds(grace));
    Optional<Termination> ended = process.termination();
    if (ended.isPresent()) {
      terminations.add(ended.get());
      processes.remove(name);
      volumes.remove(name);
      note("relay of pod " + name + " exited " + ended.get().exitCode() + " after "
          + ended.get().drainTime().toMillis() + " ms" + (ended.get().killed() ? " (SIGKILL)" : ""));
      release(pod);
    } else {
      volumes.get(name).sync();
    }
  }

  /** Drops this kubelet's finalizer: the API server then removes the deleted pod. */
  private void release(Pod pod) {
    client.pods().resource(pod).edit(p -> {
      p.getMetadata().setFinalizers(new ArrayList<>());
      return p;
    });
  }

  private void setStatus(Pod pod, TestNode node, boolean ready) {
    boolean wasReady = ready(pod);
    if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && node.ip().equals(pod.getStatus().getPodIP()) && wasReady == ready) {
      return;
    }
    PodCondition condition = new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build();
    client.pods().resource(pod).editStatus(p -> {
      p.getStatus().setPhase("Running");
      p.getStatus().setPodIP(node.ip());
      p.getStatus().setHostIP(node.ip());
      p.getStatus().setConditions(new ArrayList<>(List.of(condition)));
      return p;
    });
    if (wasReady != ready) {
      note("pod " + pod.getMetadata().getName() + (ready ? " ready" : " not ready"));
    }
    if (ready) {
      readySince.putIfAbsent(pod.getMetadata().getName(), Instant.now());
    } else {
      readySince.remove(pod.getMetadata().getName());
    }
  }

  private void report(Deployment deployment, List<Pod> pods) {
    String current = deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(CONFIG_HASH);
    List<Pod> active = pods.stream().filter(p -> !terminating(p)).toList();
    int ready = (int) active.stream().filter(RelayKubelet::ready).count();
    DeploymentStatus status = new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(active.size())
        .withUpdatedReplicas((int) active.stream().filter(p -> Objects.equals(hash(p), current)).count())
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .build();
    if (!status.equals(deployment.getStatus())) {
      client.apps().deployments().resource(deployment).editStatus(d -> {
        d.setStatus(status);
        return d;
      });
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    processes.values().forEach(RelayProcess::forceStop);
  }
}
