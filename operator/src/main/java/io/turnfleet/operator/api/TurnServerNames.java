package io.turnfleet.operator.api;

/** Names of everything the operator creates for a TurnServer, shared by builders, reconciler and tests. */
public final class TurnServerNames {
  private TurnServerNames() {}

  public static String deploymentName(TurnServer ts) {
    return ts.getMetadata().getName() + "-relay";
  }

  public static String authSecretName(TurnServer ts) {
    return ts.getMetadata().getName() + "-auth";
  }

  public static String relayConfigMapName(TurnServer ts) {
    return ts.getMetadata().getName() + "-relay-config";
  }

  public static String fleetConfigMapName(TurnServer ts) {
    return ts.getMetadata().getName() + "-fleet";
  }

  public static String adminServiceName(TurnServer ts) {
    return ts.getMetadata().getName() + "-relay-admin";
  }

  public static String disruptionBudgetName(TurnServer ts) {
    return ts.getMetadata().getName() + "-relay";
  }

  /** The Secret whose files the relays accept ephemeral credentials from: referenced or generated. */
  public static String sharedSecretName(TurnServer ts) {
    String referenced = ts.getSpec().getAuth().getSharedSecret().getSecretName();
    return referenced == null || referenced.isEmpty() ? authSecretName(ts) : referenced;
  }
}
