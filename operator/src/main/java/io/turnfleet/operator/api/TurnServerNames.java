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

  /** Headless Service of the relay pods that external-dns publishes under spec.dns.hostname. */
  public static String dnsServiceName(TurnServer ts) {
    return ts.getMetadata().getName() + "-relay-dns";
  }

  /** cert-manager Certificate for spec.dns.hostname. */
  public static String certificateName(TurnServer ts) {
    return ts.getMetadata().getName() + "-relay";
  }

  /** Deployment, Service, PodDisruptionBudget and ServiceAccount of the credential service. */
  public static String credentialsName(TurnServer ts) {
    return ts.getMetadata().getName() + "-credentials";
  }

  /** ConfigMap with the relays, their URIs and load, mounted in the credential service. */
  public static String credentialsRelaysConfigMapName(TurnServer ts) {
    return ts.getMetadata().getName() + "-credentials-relays";
  }

  /**
   * ClusterRoleBinding that lets the credential service create TokenReviews; cluster-scoped, so it
   * carries the namespace in its name and no owner reference.
   */
  public static String tokenReviewBindingName(TurnServer ts) {
    return "turnfleet-credentials:" + ts.getMetadata().getNamespace() + ":" + ts.getMetadata().getName();
  }

  /** The Secret whose files the relays accept ephemeral credentials from: referenced or generated. */
  public static String sharedSecretName(TurnServer ts) {
    String referenced = ts.getSpec().getAuth().getSharedSecret().getSecretName();
    return referenced == null || referenced.isEmpty() ? authSecretName(ts) : referenced;
  }
}
