package io.turnfleet.credentials;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.turnfleet.credentials.caller.Denial;
import java.time.Duration;

/**
 * The service's Prometheus metrics: {@code turnfleet_credentials_requests_seconds} (a histogram by
 * endpoint and status: request counts and latency), {@code turnfleet_credentials_denials_total} by
 * reason and {@code turnfleet_credentials_issued_total} by format. No label carries a caller's key,
 * token or id.
 */
public final class CredentialMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public void request(String endpoint, int status, long nanos) {
    Timer.builder("turnfleet.credentials.requests")
        .description("HTTP requests to the credential service by endpoint and status")
        .tag("endpoint", endpoint)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  public void denied(Denial reason) {
    Counter.builder("turnfleet.credentials.denials")
        .description("Requests refused before a credential was issued, by reason")
        .tag("reason", reason.label())
        .register(registry)
        .increment();
  }

  public void issued(String format) {
    Counter.builder("turnfleet.credentials.issued")
        .description("Credentials issued, by answer format")
        .tag("format", format)
        .register(registry)
        .increment();
  }

  public String scrape() {
    return registry.scrape();
  }
}
