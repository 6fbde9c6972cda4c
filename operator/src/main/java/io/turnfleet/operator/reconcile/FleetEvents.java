package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerStatus;
import io.turnfleet.operator.fleet.ScalingDecision;
import io.turnfleet.operator.secrets.RotationEvent;
import java.net.HttpURLConnection;
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
    Optional<Condition> stalledNow = Conditions.find(current.getConditions(), Conditions.STALLED);
    Optional<Condition> stalledBefore = Conditions.find(before, Conditions.STALLED);
    boolean wasStalled = stalledBefore.map(c -> "True".equals(c.getStatus())).orElse(false);
    if (stalledNow.isPresent() && "True".equals(stalledNow.get().getStatus())
        && (!wasStalled || !Objects.equals(stalledBefore.get().getMessage(), stalledNow.get().getMessage()))) {
      record(ts, WARNING, stalledNow.get().getReason(), stalledNow.get().getMessage());
    } else if (stalledNow.isPresent() && !"True".equals(stalledNow.get().getStatus()) && wasStalled) {
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

  /**
   * Records an Event the way Kubernetes aggregates them: one object per (involved object, type,
   * reason, message), named after a digest of those, so a repeat raises the existing Event's count
   * and lastTimestamp instead of creating another object. Events expire (an hour by default); a
   * repeat after that starts a new one.
   */
  void record(TurnServer ts, String type, String reason, String message) {
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String namespace = ts.getMetadata().getNamespace();
    String name = ts.getMetadata().getName() + "."
        + ContentHash.of(String.join("\0", ts.getMetadata().getUid() == null ? "" : ts.getMetadata().getUid(), type,
            reason, message));
    var events = client.v1().events().inNamespace(namespace);
    try {
      try {
        events.resource(new EventBuilder()
            .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
            .withNewInvolvedObject()
              .withApiVersion(ts.getApiVersion())
              .withKind(ts.getKind())
              .withName(ts.getMetadata().getName())
              .withNamespace(namespace)
              .withUid(ts.getMetadata().getUid())
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
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        Event existing = events.withName(name).get();
        int count = existing == null || existing.getCount() == null ? 1 : existing.getCount();
        events.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"count\":" + (count + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
      }
    } catch (KubernetesClientException e) {
      // an event is informative only; failing to record one must not fail the reconcile
      log.warn("could not record event {} on {}/{}: HTTP {}", reason, namespace, ts.getMetadata().getName(), e.getCode());
    }
  }
}
