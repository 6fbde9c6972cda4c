package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.secrets.AuthSecretState;

/**
 * Secret {@code <name>-auth}: the shared secrets relays accept ephemeral credentials from, mounted as
 * files. Applications minting credentials read key {@code current}. Its annotations record where the
 * rotation stands.
 */
public final class AuthSecret {
  public static final String COMPONENT = "auth";

  private AuthSecret() {}

  public static Secret build(TurnServer ts, AuthSecretState state) {
    ObjectMeta metadata = FleetLabels.ownedMetadata(ts, TurnServerNames.authSecretName(ts), COMPONENT);
    metadata.setAnnotations(state.times().annotations());
    return new SecretBuilder()
        .withMetadata(metadata)
        .withType("Opaque")
        .withData(state.keys().secretData())
        .build();
  }
}
