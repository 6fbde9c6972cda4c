package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.turnfleet.operator.api.TurnServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code app.kubernetes.io/*} labels and owner reference every owned object carries. */
public final class FleetLabels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PART_OF = "app.kubernetes.io/part-of";

  public static final String APP = "turnfleet";
  public static final String MANAGER = "turnfleet-operator";
  public static final String RELAY = "relay";

  /** Selects everything the operator owns, for informers. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;
  /** Selects every relay pod of every fleet, for the pod informer. */
  public static final String RELAY_POD_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT + "=" + RELAY;

  private FleetLabels() {}

  /** The immutable Deployment selector of a fleet's relay pods. */
  public static Map<String, String> relaySelector(TurnServer ts) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, APP);
    labels.put(INSTANCE, ts.getMetadata().getName());
    labels.put(COMPONENT, RELAY);
    return labels;
  }

  public static Map<String, String> of(TurnServer ts, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, APP);
    labels.put(INSTANCE, ts.getMetadata().getName());
    labels.put(COMPONENT, component);
    labels.put(PART_OF, APP);
    labels.put(MANAGED_BY, MANAGER);
    return labels;
  }

  /** Metadata of an owned object: name, namespace, labels and the controller owner reference. */
  public static ObjectMeta ownedMetadata(TurnServer ts, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(ts.getMetadata().getNamespace())
        .withLabels(of(ts, component))
        .addToOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(ts.getApiVersion())
            .withKind(ts.getKind())
            .withName(ts.getMetadata().getName())
            .withUid(ts.getMetadata().getUid())
            .withController(true)
            .build())
        .build();
  }
}
