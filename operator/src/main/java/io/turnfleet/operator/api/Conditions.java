package io.turnfleet.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets the conditions of a TurnServer status, in the vocabulary of kstatus (which Flux and Argo CD
 * read): {@code Reconciling=True} in progress, {@code Stalled=True} failed, neither healthy once
 * {@code status.observedGeneration} equals {@code metadata.generation}; never both True. A condition
 * keeps its lastTransitionTime unless its status flips, so recomputing an unchanged status yields an
 * equal object and nothing is written.
 */
public final class Conditions {
  /** True while at least one relay serves: what {@code kubectl wait --for=condition=Ready} waits for. */
  public static final String READY = "Ready";
  /** kstatus: True while the operator works towards the spec (creating, rolling out, scaling, retrying). */
  public static final String RECONCILING = "Reconciling";
  /** kstatus: True when the fleet cannot reach the spec without a human; the message names the field. */
  public static final String STALLED = "Stalled";

  private Conditions() {}

  /**
   * Returns {@code current} with the condition of {@code type} replaced.
   *
   * @param reason CamelCase reason
   * @param message one sentence, no secrets
   */
  public static List<Condition> set(List<Condition> current, String type, boolean status, String reason,
      String message, long observedGeneration, Instant now) {
    String statusText = status ? "True" : "False";
    Optional<Condition> previous = find(current, type);
    String transitionTime = previous
        .filter(c -> statusText.equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .orElseGet(() -> DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
    Condition updated = new ConditionBuilder()
        .withType(type)
        .withStatus(statusText)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(observedGeneration)
        .withLastTransitionTime(transitionTime)
        .build();
    List<Condition> result = new ArrayList<>();
    boolean replaced = false;
    for (Condition c : current) {
      if (type.equals(c.getType())) {
        result.add(updated);
        replaced = true;
      } else {
        result.add(c);
      }
    }
    if (!replaced) {
      result.add(updated);
    }
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
