package io.turnfleet.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.turnfleet.operator.api.SharedSecretStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The operator's view of each fleet as Prometheus series labelled {@code namespace} and
 * {@code turnserver}: relays desired and ready, the autoscaling bounds, live allocations, scaling
 * decisions that changed the fleet size, failed reconciliations and the shared secret's rotation times. Values are those of
 * the last status the reconciler computed; a deleted TurnServer's series are removed.
 */
public final class FleetMetrics {
  private final MeterRegistry registry;
  private final Map<ResourceID, Fleet> fleets = new ConcurrentHashMap<>();

  public FleetMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Publishes the fleet's sizes and rotation times from the status just computed. */
  public void record(TurnServer ts, TurnServerStatus status) {
    Fleet fleet = fleet(ts);
    fleet.desired = valueOf(status.getReplicas());
    fleet.ready = valueOf(status.getReadyReplicas());
    fleet.allocations = valueOf(status.getAllocations());
    fleet.min = ts.getSpec() == null ? Double.NaN : ts.getSpec().getReplicas().getMin();
    fleet.max = ts.getSpec() == null ? Double.NaN : ts.getSpec().getReplicas().getMax();
    SharedSecretStatus secret = status.getSharedSecret();
    fleet.lastRotation = secret == null ? Double.NaN : epochSeconds(secret.getLastRotationTime());
    fleet.nextRotation = secret == null ? Double.NaN : epochSeconds(secret.getNextRotationTime());
  }

  /** Counts a change of fleet size, up or down. */
  public void scaled(TurnServer ts, int from, int to) {
    if (to != from) {
      Fleet fleet = fleet(ts);
      (to > from ? fleet.scaledUp : fleet.scaledDown).increment();
    }
  }

  /** Counts a reconciliation that ended in an exception (JOSDK retries it with backoff). */
  public void reconcileFailed(TurnServer ts) {
    fleet(ts).reconcileFailures.increment();
  }

  /** Removes every series of a deleted TurnServer. */
  public void forget(TurnServer ts) {
    Fleet fleet = fleets.remove(ResourceID.fromResource(ts));
    if (fleet != null) {
      fleet.meters.forEach(registry::remove);
    }
  }

  private Fleet fleet(TurnServer ts) {
    return fleets.computeIfAbsent(ResourceID.fromResource(ts), id -> new Fleet(registry,
        Tags.of("namespace", ts.getMetadata().getNamespace(), "turnserver", ts.getMetadata().getName())));
  }

  private static double valueOf(Integer value) {
    return value == null ? Double.NaN : value;
  }

  private static double epochSeconds(String time) {
    try {
      return time == null ? Double.NaN : Instant.parse(time).getEpochSecond();
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }

  /** One fleet's last values and the meters that read them. */
  private static final class Fleet {
    private final List<Meter> meters = new ArrayList<>();
    private final Counter scaledUp;
    private final Counter scaledDown;
    private final Counter reconcileFailures;
    private volatile double desired = Double.NaN;
    private volatile double ready = Double.NaN;
    private volatile double allocations = Double.NaN;
    private volatile double min = Double.NaN;
    private volatile double max = Double.NaN;
    private volatile double lastRotation = Double.NaN;
    private volatile double nextRotation = Double.NaN;

    Fleet(MeterRegistry registry, Tags tags) {
      gauge(registry, tags, "turnfleet.turnserver.relays.desired", "Relays the fleet's Deployment asks for",
          null, f -> f.desired);
      gauge(registry, tags, "turnfleet.turnserver.relays.ready", "Relay pods that are ready", null, f -> f.ready);
      gauge(registry, tags, "turnfleet.turnserver.relays.min", "spec.replicas.min", null, f -> f.min);
      gauge(registry, tags, "turnfleet.turnserver.relays.max", "spec.replicas.max", null, f -> f.max);
      gauge(registry, tags, "turnfleet.turnserver.allocations", "Live allocations in fresh load reports", null,
          f -> f.allocations);
      gauge(registry, tags, "turnfleet.turnserver.secret.last.rotation",
          "When the generated shared secret last became current", "timestamp_seconds", f -> f.lastRotation);
      gauge(registry, tags, "turnfleet.turnserver.secret.next.rotation",
          "When the generated shared secret is due to rotate", "timestamp_seconds", f -> f.nextRotation);
      scaledUp = scalingCounter(registry, tags, "up");
      scaledDown = scalingCounter(registry, tags, "down");
      reconcileFailures = Counter.builder("turnfleet.turnserver.reconcile.failures")
          .description("Reconciliations that failed with an exception").tags(tags).register(registry);
      meters.add(reconcileFailures);
    }

    private void gauge(MeterRegistry registry, Tags tags, String name, String description, String unit,
        ToDoubleFunction<Fleet> value) {
      meters.add(Gauge.builder(name, this, value).description(description).baseUnit(unit).tags(tags)
          .strongReference(true).register(registry));
    }

    private Counter scalingCounter(MeterRegistry registry, Tags tags, String direction) {
      Counter counter = Counter.builder("turnfleet.turnserver.scaling.decisions")
          .description("Autoscaling decisions that changed the fleet size, by direction")
          .tags(tags).tag("direction", direction).register(registry);
      meters.add(counter);
      return counter;
    }
  }
}
