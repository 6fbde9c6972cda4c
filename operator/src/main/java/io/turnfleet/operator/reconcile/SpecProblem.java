package io.turnfleet.operator.reconcile;

/**
 * Why a TurnServer cannot work as written.
 *
 * @param reason CamelCase reason for the Degraded condition, e.g. {@code InvalidSpec}
 * @param field the JSON path of the offending field, e.g. {@code spec.tls.secretName}
 * @param message what is wrong and what was expected, without secrets
 */
public record SpecProblem(String reason, String field, String message) {
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  public static final String SECRET_KEY_MISSING = "SecretKeyMissing";

  public SpecProblem(String field, String message) {
    this(INVALID_SPEC, field, message);
  }

  /** One clause for a condition or event message. */
  public String describe() {
    return field + ": " + message;
  }
}
