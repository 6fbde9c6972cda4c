package io.turnfleet.operator.fleet;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource.ResourceFetcher;
import io.turnfleet.operator.api.TurnServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Polls {@code GET /load} of a fleet's relays, all at once, each with a timeout. Polled are the relay
 * pods that serve (ready) or drain (terminating) and have an IP: with host networking the pod IP is
 * the node's, where the admin port listens. Failures become samples with the reason and keep the last
 * good report. java-operator-sdk calls this on an interval and reconciles the TurnServer when the
 * samples change.
 */
public final class LoadPoller implements ResourceFetcher<LoadSample, TurnServer> {
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;
  private final Function<TurnServer, List<Pod>> relayPods;
  /** The latest sample per pod UID, per fleet (namespace/name). */
  private final Map<String, Map<String, LoadSample>> latest = new ConcurrentHashMap<>();

  /**
   * @param relayPods the relay pods of a TurnServer, from the informer cache
   */
  public LoadPoller(Duration timeout, Clock clock, Function<TurnServer, List<Pod>> relayPods) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    this.timeout = timeout;
    this.clock = clock;
    this.relayPods = relayPods;
  }

  @Override
  public Set<LoadSample> fetchResources(TurnServer ts) {
    String fleet = ts.getMetadata().getNamespace() + "/" + ts.getMetadata().getName();
    Map<String, LoadSample> previous = latest.getOrDefault(fleet, Map.of());
    Map<String, CompletableFuture<LoadSample>> polls = new java.util.LinkedHashMap<>();
    for (Pod pod : relayPods.apply(ts)) {
      RelayPod relay = RelayPod.of(pod);
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (!RelayPod.isLive(pod) || ip == null || ip.isEmpty() || !(relay.ready() || relay.terminating())) {
        continue;
      }
      Optional<LoadSample> before = Optional.ofNullable(previous.get(pod.getMetadata().getUid()));
      polls.put(pod.getMetadata().getUid(), poll(relay.name(), loadUri(ip, ts.getSpec().getAdminPort()), before));
    }
    Map<String, LoadSample> now = new ConcurrentHashMap<>();
    polls.forEach((uid, poll) -> now.put(uid, poll.join()));
    latest.put(fleet, now);
    return new HashSet<>(now.values());
  }

  /** Forgets a deleted fleet. */
  public void forget(TurnServer ts) {
    latest.remove(ts.getMetadata().getNamespace() + "/" + ts.getMetadata().getName());
  }

  static URI loadUri(String podIp, int adminPort) {
    String host = podIp.contains(":") ? "[" + podIp + "]" : podIp;
    return URI.create("http://" + host + ":" + adminPort + "/load");
  }

  private CompletableFuture<LoadSample> poll(String pod, URI uri, Optional<LoadSample> before) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .orTimeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle((response, failure) -> {
          if (failure != null) {
            return LoadSample.failed(pod, before, describe(failure));
          }
          if (response.statusCode() != 200) {
            return LoadSample.failed(pod, before, "GET /load answered HTTP " + response.statusCode());
          }
          try {
            return LoadSample.reported(pod, RelayLoad.parse(response.body()), clock.instant());
          } catch (LoadReportException e) {
            return LoadSample.failed(pod, before, e.getMessage());
          }
        });
  }

  private String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
      return "GET /load got no answer within " + timeout.toMillis() + "ms";
    }
    if (cause instanceof ConnectException) {
      return "GET /load could not connect";
    }
    if (cause instanceof IOException) {
      return "GET /load failed: " + cause.getClass().getSimpleName();
    }
    return "GET /load failed: " + cause;
  }
}
