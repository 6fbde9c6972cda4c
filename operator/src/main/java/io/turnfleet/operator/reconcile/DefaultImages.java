package io.turnfleet.operator.reconcile;

/**
 * The images a TurnServer's pods run when its spec names none: by default those built with the operator.
 *
 * @param relay the relay image (spec.image)
 * @param credentials the credential service image (spec.credentials.image)
 */
public record DefaultImages(String relay, String credentials) {}
