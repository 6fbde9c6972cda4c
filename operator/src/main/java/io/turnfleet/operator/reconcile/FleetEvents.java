package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerStatus;
import io.turnfleet.operator.fleet.ScalingDecision;
import io.turnfleet.operator.secrets.RotationEvent;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records Kubernetes Events on a TurnServer for notable transitions, never for steady state. */
public class FleetEvents {
  public static final String COMPONENT = "turnfleet-operator";
  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";
  private static final Logger log = LoggerFactory.getLogger(FleetEvents.class);

  private final KubernetesClient client;
  private final Clock clock;

  public FleetEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Records the transitions between the previous and the new status. */
  public void statusChanged(TurnServer ts, TurnServerStatus previous, TurnServerStatus current) {
    List<Condition> before = previous == null ? List.of() : previous.getConditions();
    Optional<Condition> degradedNow = Conditions.find(current.getConditions(), Conditions.DEGRADED);
    Optional<Condition> degradedBefore = Conditions.find(before, Conditions.DEGRADED);
    if (degradedNow.isPresent() && "True".equals(degradedNow.get().getStatus())
        && (degradedBefore.isEmpty() || !"True".equals(degradedBefore.get().getStatus())
            || !Objects.equals(degradedBefore.get().getMessage(), degradedNow.get().getMessage()))) {
      record(ts, WARNING, degradedNow.get().getReason(), degradedNow.get().getMessage());
    } else if (degradedNow.isPresent() && !"True".equals(degradedNow.get().getStatus())
        && degradedBefore.isPresent() && "True".equals(degradedBefore.get().getStatus())) {
      record(ts, NORMAL, "Recovered", "The fleet runs as specified again.");
    }
    boolean readyBefore = Conditions.isTrue(before, Conditions.READY);
    boolean readyNow = Conditions.isTrue(current.getConditions(), Conditions.READY);
    if (readyNow != readyBefore) {
      Condition ready = Conditions.find(current.getConditions(), Conditions.READY).orElseThrow();
      record(ts, readyNow ? NORMAL : WARNING, ready.getReason(), ready.getMessage());
    }
  }

  /** The autoscaler changed the number of relays. */
  public void scaled(TurnServer ts, ScalingDecision decision) {
    record(ts, NORMAL, decision.reason().word(), decision.message());
  }

  /** A step of the shared secret's rotation took effect. */
  public void rotated(TurnServer ts, RotationEvent event) {
    record(ts, NORMAL, event.reason(), event.message());
  }

  /** A configuration change is rolling the relays, one at a time. */
  public void rolloutStarted(TurnServer ts) {
    record(ts, NORMAL, "RollingRelays", "The relay configuration changed; relays restart one at a time after draining.");
  }

  void record(TurnServer ts, String type, String reason, String message) {
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String name = ts.getMetadata().getName() + "." + Long.toHexString(clock.millis()) + Long.toHexString(System.nanoTime() & 0xfff);
    try {
      client.v1().events().inNamespace(ts.getMetadata().getNamespace()).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(ts.getMetadata().getNamespace()).endMetadata()
          .withNewInvolvedObject()
            .withApiVersion(ts.getApiVersion())
            .withKind(ts.getKind())
            .withName(ts.getMetadata().getName())
            .withNamespace(ts.getMetadata().getNamespace())
            .withUid(ts.getMetadata().getUid())
            .withResourceVersion(ts.getMetadata().getResourceVersion())
          .endInvolvedObject()
          .withType(type)
          .withReason(reason)
          .withMessage(message)
          .withCount(1)
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      // an event is informative only; failing to record one must not fail the reconcile
      log.warn("could not record event {} on {}/{}: HTTP {}", reason, ts.getMetadata().getNamespace(),
          ts.getMetadata().getName(), e.getCode());
    }
  }
}
