package io.turnfleet.operator.secrets;

/**
 * A step of a rotation worth an Event.
 *
 * @param reason CamelCase Event reason
 * @param message one sentence, never a secret
 */
public record RotationEvent(String reason, String message) {}
