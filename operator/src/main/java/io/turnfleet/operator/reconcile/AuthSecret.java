package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.secrets.AuthKeys;

/**
 * Secret {@code <name>-auth}: the shared secrets relays accept ephemeral credentials from, mounted as
 * files. Applications minting credentials read key {@code current}.
 */
public final class AuthSecret {
  public static final String COMPONENT = "auth";

  private AuthSecret() {}

  public static Secret build(TurnServer ts, AuthKeys keys) {
    return new SecretBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.authSecretName(ts), COMPONENT))
        .withType("Opaque")
        .withData(keys.secretData())
        .build();
  }
}
