package io.turnfleet.operator.fleet;

/**
 * A fleet size and why.
 *
 * @param message one sentence with the load behind the decision, for status and Events
 * @param history what the autoscaler remembers for the next decision
 */
public record ScalingDecision(int replicas, ScalingReason reason, String message, ScalingHistory history) {}
