package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Failed API calls: tells optimistic-lock conflicts (HTTP 409) from other failures, and describes a
 * failure in one line for status and logs. On a real cluster the controller
 * manager writes a Deployment right after the operator does, so a write based on the informer's copy
 * meets a 409 now and then: routine, retried, never shown as a fleet problem.
 */
final class ApiFailures {
  private ApiFailures() {}

  static boolean isConflict(Throwable e) {
    return clientException(e).map(k -> k.getCode() == HttpURLConnection.HTTP_CONFLICT).orElse(false);
  }

  /** The first conflict when every failure is one; empty when there is none or another failure too. */
  static Optional<KubernetesClientException> onlyConflicts(Collection<Exception> failures) {
    if (failures.isEmpty() || !failures.stream().allMatch(ApiFailures::isConflict)) {
      return Optional.empty();
    }
    return clientException(failures.iterator().next());
  }

  /**
   * One line for status and logs: per failed dependent the HTTP code and the API server's reason,
   * without a stack trace (which may quote object contents).
   */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
        return aggregated.getAggregatedExceptions().entrySet().stream()
            .map(failed -> failed.getKey() + ": " + describe(failed.getValue()))
            .collect(Collectors.joining(", "));
      }
      if (t instanceof KubernetesClientException k) {
        return "HTTP " + k.getCode() + (k.getStatus() != null && k.getStatus().getReason() != null
            ? " " + k.getStatus().getReason() : "");
      }
    }
    return e.getClass().getSimpleName();
  }

  private static Optional<KubernetesClientException> clientException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
