package io.turnfleet.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares an owned object with its desired state field by field, only over the fields the operator
 * sets: every field of the desired object must be in the live one with the same value, and what the
 * API server or other controllers added (defaults such as {@code sessionAffinity: None}, status,
 * managed fields) is not drift. Annotations in the operator's {@value #ANNOTATION_DOMAIN} domain are
 * the exception: they are the operator's alone, so a stale one on the live object is drift too.
 * Pure.
 */
public final class OwnedFields {
  /** Annotations whose key starts with this belong to the operator on every object it owns. */
  public static final String ANNOTATION_DOMAIN = "turnfleet.io/";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private OwnedFields() {}

  /** Whether the live object carries every field of the desired one and no stale operator annotation. */
  public static boolean match(HasMetadata desired, HasMetadata actual) {
    return contained(JSON.convertValue(desired, JsonNode.class), JSON.convertValue(actual, JsonNode.class))
        && ownedAnnotations(desired).equals(ownedAnnotations(actual));
  }

  /**
   * Whether {@code live} holds every field of {@code desired} with an equal value; lists match element
   * by element and must be as long. A desired empty list or object, empty string, 0 or false equals a
   * missing field: the API server drops zero values of its {@code omitempty} fields.
   */
  static boolean contained(JsonNode desired, JsonNode live) {
    if (desired == null || desired.isNull()) {
      return true;
    }
    if (live == null || live.isNull() || live.isMissingNode()) {
      return isZero(desired);
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!contained(field.getValue(), live.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!live.isArray() || live.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contained(desired.get(i), live.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    return desired.equals(live);
  }

  private static boolean isZero(JsonNode value) {
    return value.isContainerNode() ? value.isEmpty()
        : value.isTextual() ? value.asText().isEmpty()
        : value.isNumber() ? value.decimalValue().signum() == 0
        : value.isBoolean() && !value.asBoolean();
  }

  /** The annotations of the operator's domain, in key order. */
  static Map<String, String> ownedAnnotations(HasMetadata resource) {
    Map<String, String> owned = new TreeMap<>();
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations != null) {
      annotations.forEach((key, value) -> {
        if (key.startsWith(ANNOTATION_DOMAIN)) {
          owned.put(key, value);
        }
      });
    }
    return owned;
  }

  /**
   * Removes from the live object's metadata the operator's annotations the desired object no longer
   * has; the update copies the desired ones over the rest. Annotations of others stay.
   */
  static void dropStaleAnnotations(HasMetadata live, HasMetadata desired) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (annotations == null) {
      return;
    }
    Map<String, String> wanted = ownedAnnotations(desired);
    annotations.keySet().removeIf(key -> key.startsWith(ANNOTATION_DOMAIN) && !wanted.containsKey(key));
  }
}
