package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.turnfleet.operator.api.AutoscalingStatus;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.RelayStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerStatus;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetRelay;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.IpLiteral;
import io.turnfleet.operator.fleet.TurnUris;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a TurnServer's status from what was observed. Pure: equal inputs give an equal status,
 * and load that only wobbles gives the previous figures (see {@link LoadFigures}), so a fleet at
 * steady load writes no status.
 */
public final class FleetStatus {
  public static final String RELAYS_READY = "RelaysReady";
  public static final String NO_RELAY_READY = "NoRelayReady";
  public static final String CREATING = "Creating";
  public static final String ROLLING_OUT = "RollingOut";
  public static final String RELAYS_STARTING = "RelaysStarting";
  public static final String RECONCILED = "Reconciled";
  public static final String WAITING_FOR_FIX = "WaitingForFix";
  public static final String AS_EXPECTED = "AsExpected";
  public static final String NODE_ADDRESS_MISSING = "NodeAddressMissing";
  public static final String ROLLOUT_STALLED = "RolloutStalled";
  private static final Set<String> TYPES =
      Set.of(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED, RolloutStrategy.CONDITION);

  private FleetStatus() {}

  public static TurnServerStatus compute(TurnServer ts, StatusInputs in, Instant now) {
    TurnServerStatus previous = ts.getStatus() == null ? new TurnServerStatus() : ts.getStatus();
    long generation = Objects.requireNonNullElse(ts.getMetadata().getGeneration(), 0L);
    FleetSnapshot fleet = in.fleet();
    int replicas = in.deployment().map(d -> d.getSpec().getReplicas()).orElse(in.desiredReplicas());
    int ready = (int) fleet.relays().stream().filter(r -> r.pod().ready()).count();
    int serving = fleet.serving().size();
    int perRelayTarget = ts.getSpec().getScaling().getTargetAllocationsPerRelay();

    // conditions of earlier versions (Progressing, Degraded) go: two vocabularies would contradict
    List<Condition> conditions = previous.getConditions().stream().filter(c -> TYPES.contains(c.getType())).toList();
    conditions = serving > 0
        ? Conditions.set(conditions, Conditions.READY, true, RELAYS_READY,
            serving + " of " + replicas + " relays are ready and advertise an address.", generation, now)
        : Conditions.set(conditions, Conditions.READY, false, NO_RELAY_READY,
            "No relay is ready yet (0 of " + replicas + ").", generation, now);
    Optional<Cause> stalled = stalled(ts, fleet, in.deployment(), in.problems());
    conditions = set(conditions, Conditions.RECONCILING,
        reconciling(stalled, in.deployment(), serving, replicas), generation, now);
    conditions = set(conditions, Conditions.STALLED,
        stalled.map(c -> new Cause(true, c.reason(), c.message()))
            .orElse(new Cause(false, AS_EXPECTED, "The fleet runs as specified.")), generation, now);
    if (in.rollout().isPresent()) {
      RolloutStrategy rollout = in.rollout().get();
      conditions = Conditions.set(conditions, RolloutStrategy.CONDITION, rollout.surge(), rollout.reason(),
          rollout.message(), generation, now);
    }

    TurnServerStatus status = new TurnServerStatus();
    status.setObservedGeneration(generation);
    status.setConditions(conditions);
    status.setReplicas(replicas);
    status.setReadyReplicas(ready);
    status.setRelaysReady(ready + "/" + replicas);
    int allocations = LoadFigures.settled(previous.getAllocations(), in.load().allocations(),
        LoadFigures.step((long) perRelayTarget * Math.max(1, replicas)));
    status.setAllocations(allocations);
    status.setLoad(allocations + "/" + (long) perRelayTarget * replicas);
    status.setRelays(fleet.relays().stream()
        .map(relay -> relayStatus(relay, in.load(), previous.getRelays(), LoadFigures.step(perRelayTarget)))
        .toList());
    status.setUris(TurnUris.of(fleet, ts.getSpec()));
    status.setUriCount(status.getUris().size());
    status.setAutoscaling(in.autoscaling().map(a -> sameDecision(previous.getAutoscaling(), a))
        .orElse(previous.getAutoscaling()));
    status.setSharedSecret(in.sharedSecret().orElse(null));
    status.setCredentialsUrl(CredentialsEnabledCondition.enabled(ts.getSpec()) ? CredentialsObjects.url(ts) : null);
    return status;
  }

  /** A condition's status, reason and message. */
  record Cause(boolean status, String reason, String message) {}

  private static List<Condition> set(List<Condition> conditions, String type, Cause cause, long generation,
      Instant now) {
    return Conditions.set(conditions, type, cause.status(), cause.reason(), cause.message(), generation, now);
  }

  /**
   * The previous decision when only its message (which quotes the load) would differ: the message
   * tells why the autoscaler reached the decision it still holds.
   */
  private static AutoscalingStatus sameDecision(AutoscalingStatus previous, AutoscalingStatus latest) {
    return previous != null && previous.isEnabled() == latest.isEnabled()
        && Objects.equals(previous.getDesiredReplicas(), latest.getDesiredReplicas())
        && Objects.equals(previous.getReason(), latest.getReason())
        && Objects.equals(previous.getLastScaleTime(), latest.getLastScaleTime())
        ? previous : latest;
  }

  private static RelayStatus relayStatus(FleetRelay relay, FleetLoad load, List<RelayStatus> before, long step) {
    String pod = relay.pod().name();
    Optional<FleetLoad.RelayReading> reading = load.of(pod);
    Integer previous = before.stream().filter(r -> pod.equals(r.getPod())).findFirst()
        .map(RelayStatus::getAllocations).orElse(null);
    Integer allocations = reading.flatMap(FleetLoad.RelayReading::current)
        .map(l -> LoadFigures.settled(previous, l.allocations(), step)).orElse(null);
    return new RelayStatus(pod, relay.pod().nodeName().orElse(null),
        relay.addresses().stream().findFirst().map(IpLiteral::text).orElse(null), relay.pod().ready(), allocations,
        reading.map(FleetLoad.RelayReading::draining).orElse(relay.pod().terminating()),
        reading.flatMap(FleetLoad.RelayReading::error).orElse(null));
  }

  private static Cause reconciling(Optional<Cause> stalled, Optional<Deployment> deployment, int serving,
      int replicas) {
    if (stalled.isPresent()) {
      return new Cause(false, WAITING_FOR_FIX, "Nothing changes until the cause in condition Stalled is fixed.");
    }
    if (deployment.isEmpty()) {
      return new Cause(true, CREATING, "Creating the relay fleet.");
    }
    Deployment d = deployment.get();
    int wanted = d.getSpec().getReplicas();
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    long observed = Objects.requireNonNullElse(s.getObservedGeneration(), 0L);
    long deploymentGeneration = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
    int updated = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
    int ready = Objects.requireNonNullElse(s.getReadyReplicas(), 0);
    int total = Objects.requireNonNullElse(s.getReplicas(), 0);
    if (observed < deploymentGeneration || updated != wanted || ready != wanted || total != wanted) {
      return new Cause(true, ROLLING_OUT,
          updated + " of " + wanted + " relays run the current configuration, " + ready + " are ready.");
    }
    if (serving < replicas) {
      return new Cause(true, RELAYS_STARTING,
          serving + " of " + replicas + " relays are ready and advertise an address.");
    }
    return new Cause(false, RECONCILED, "All " + wanted + " relays run the current configuration and are ready.");
  }

  /** Why the fleet cannot reach its spec without a human; empty when it can. */
  private static Optional<Cause> stalled(TurnServer ts, FleetSnapshot fleet, Optional<Deployment> deployment,
      List<SpecProblem> problems) {
    if (!problems.isEmpty()) {
      SpecProblem first = problems.get(0);
      String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
      return Optional.of(new Cause(true, first.reason(), first.describe() + more + "."));
    }
    List<String> unresolved = fleet.nodesWithoutAddress();
    if (!unresolved.isEmpty()) {
      return Optional.of(new Cause(true, NODE_ADDRESS_MISSING,
          "spec.advertisedAddress.source: node " + String.join(", ", unresolved) + " has no "
              + ts.getSpec().getAdvertisedAddress().getSource() + " address, so its relay cannot become ready."));
    }
    boolean pastDeadline = deployment
        .map(Deployment::getStatus)
        .map(DeploymentStatus::getConditions)
        .map(cs -> cs.stream()
            .anyMatch(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())))
        .orElse(false);
    return pastDeadline
        ? Optional.of(new Cause(true, ROLLOUT_STALLED,
            "The relay rollout exceeded its progress deadline; check the relay pods' events."))
        : Optional.empty();
  }
}
