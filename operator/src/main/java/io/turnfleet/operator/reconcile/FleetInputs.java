package io.turnfleet.operator.reconcile;

import io.turnfleet.operator.fleet.AddressFamilies;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.secrets.AuthSecretState;
import java.time.Duration;
import java.util.Optional;

/**
 * What the desired state depends on besides the TurnServer itself, gathered by the reconciler.
 *
 * @param defaultImages the relay and credential service images used when the spec names none
 * @param authSecret the keys and rotation times of the operator-generated auth Secret; empty when
 *     the spec references its own Secret or uses static users
 * @param fleet the relay pods observed now
 * @param load the relays' load reports
 * @param replicas how many relays to run
 * @param families the address families the fleet's nodes advertise, so its relays serve
 * @param rollout how a rollout replaces relays, from the eligible nodes that are free
 * @param fleetFileDelay how long a fleet ConfigMap change takes to reach the relays
 */
public record FleetInputs(DefaultImages defaultImages, Optional<AuthSecretState> authSecret, FleetSnapshot fleet,
    FleetLoad load, int replicas, AddressFamilies families, RolloutStrategy rollout, Duration fleetFileDelay) {}
