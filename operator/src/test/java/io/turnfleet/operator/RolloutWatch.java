package io.turnfleet.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.turn.RestCredential;
import io.turnfleet.operator.turn.TurnClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches a rollout as the fleet's users see it. Every 50 ms it counts the relay pods that are
 * ready and not terminating, and sums the time when there were none; every 250 ms a new caller
 * allocates on each relay address the test names (following one 300 Try Alternate, then freeing the
 * allocation) and every answer that is not a success is kept. A caller that got no answer from a
 * relay the test no longer names by the time it gave up asked a relay as it exited, which the test
 * learns only at the simulated kubelet's next step: not a refusal.
 */
final class RolloutWatch implements AutoCloseable {
  private static final long SAMPLE_MS = 50;
  private static final long CALLER_MS = 250;

  private final KubernetesClient client;
  private final String namespace;
  private final Supplier<List<InetSocketAddress>> relays;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "rollout-watch");
    t.setDaemon(true);
    return t;
  });
  private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
  private volatile Instant noneReadySince;
  private volatile Duration withoutReadyRelay = Duration.ZERO;
  private volatile int samples;
  private volatile int callers;
  private volatile int minimumReady = Integer.MAX_VALUE;

  /**
   * @param relays the relay addresses new callers try at this moment
   * @param credential a fresh credential for each caller
   */
  RolloutWatch(KubernetesClient client, String namespace, Supplier<List<InetSocketAddress>> relays,
      Supplier<RestCredential> credential) {
    this.client = client;
    this.namespace = namespace;
    this.relays = relays;
    timer.scheduleWithFixedDelay(this::sample, 0, SAMPLE_MS, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> relays.get().forEach(relay -> call(relay, credential.get())), 0, CALLER_MS,
        TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      int ready = (int) client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/component", "relay").list()
          .getItems().stream().filter(RolloutWatch::readyAndNotTerminating).count();
      samples++;
      minimumReady = Math.min(minimumReady, ready);
      Instant now = Instant.now();
      if (ready == 0 && noneReadySince == null) {
        noneReadySince = now;
      } else if (ready > 0 && noneReadySince != null) {
        withoutReadyRelay = withoutReadyRelay.plus(Duration.between(noneReadySince, now));
        noneReadySince = null;
      }
    } catch (RuntimeException e) {
      refusals.add("sampling failed: " + e);
    }
  }

  private static boolean readyAndNotTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void call(InetSocketAddress relay, RestCredential credential) {
    try {
      TurnClient.Answer answer = TurnClient.allocateOnce(relay, credential);
      if (answer.errorCode() == 300 && answer.alternateServer().isPresent()) {
        answer = TurnClient.allocateOnce(answer.alternateServer().get(), credential);
      }
      callers++;
      if (!answer.success()) {
        refusals.add(String.format("%s: %s", relay, answer));
      }
    } catch (IOException e) {
      if (relays.get().contains(relay)) {
        refusals.add(relay + ": " + e.getMessage());
      }
    } catch (RuntimeException e) {
      refusals.add(relay + ": " + e.getMessage());
    }
  }

  /** Time during which no relay pod was ready, so far. */
  Duration withoutReadyRelay() {
    Instant since = noneReadySince;
    return since == null ? withoutReadyRelay : withoutReadyRelay.plus(Duration.between(since, Instant.now()));
  }

  int minimumReady() {
    return minimumReady;
  }

  int samples() {
    return samples;
  }

  int callers() {
    return callers;
  }

  /** New callers that got no allocation, with the answer they got. */
  List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** Stops watching; a caller already under way finishes (an Allocate retransmits for a few seconds). */
  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    if (!timer.awaitTermination(15, TimeUnit.SECONDS)) {
      timer.shutdownNow();
    }
  }
}
