package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;

/**
 * Stamps an owned object with a digest of its desired content. Comparing digests finds removed
 * fields too, which a diff against the live object cannot tell from fields the API server defaulted.
 */
public final class DesiredHash {
  public static final String ANNOTATION = "turnfleet.io/desired-hash";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private DesiredHash() {}

  public static <R extends HasMetadata> R stamp(R resource) {
    var annotations = resource.getMetadata().getAnnotations() == null
        ? new LinkedHashMap<String, String>()
        : new LinkedHashMap<>(resource.getMetadata().getAnnotations());
    annotations.remove(ANNOTATION);
    resource.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
    String digest = ContentHash.of(JSON.asJson(resource));
    annotations.put(ANNOTATION, digest);
    resource.getMetadata().setAnnotations(annotations);
    return resource;
  }

  public static String of(HasMetadata resource) {
    return resource.getMetadata().getAnnotations() == null
        ? null
        : resource.getMetadata().getAnnotations().get(ANNOTATION);
  }
}
