package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.turnfleet.operator.api.AutoscalingStatus;
import io.turnfleet.operator.api.SharedSecretStatus;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What a TurnServer's status is computed from.
 *
 * @param deployment the live relay Deployment, if any
 * @param problems why the spec cannot be applied; empty when it was applied
 * @param desiredReplicas how many relays the fleet should run
 * @param autoscaling the autoscaler's decision; empty keeps the previous one (spec problems)
 * @param sharedSecret the rotation of the generated secret; empty when there is none
 * @param rollout how a rollout replaces relays; empty when the spec is missing
 */
public record StatusInputs(FleetSnapshot fleet, FleetLoad load, Optional<Deployment> deployment,
    List<SpecProblem> problems, int desiredReplicas, Optional<AutoscalingStatus> autoscaling,
    Optional<SharedSecretStatus> sharedSecret, Optional<RolloutStrategy> rollout) {}
