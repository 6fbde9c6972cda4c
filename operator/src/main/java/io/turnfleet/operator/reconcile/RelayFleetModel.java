package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.util.List;
import java.util.Optional;

/**
 * The desired state of one fleet: validated once, then each owned object on request. No clock, no
 * randomness, no client: everything it needs arrives in {@link FleetInputs}.
 */
public final class RelayFleetModel {
  private final TurnServer turnServer;
  private final FleetInputs inputs;
  private final ConfigMap relayConfigMap;

  private RelayFleetModel(TurnServer turnServer, FleetInputs inputs) {
    this.turnServer = turnServer;
    this.inputs = inputs;
    this.relayConfigMap = RelayConfigMap.build(turnServer, inputs.families());
  }

  /** Validates the TurnServer and returns its model. */
  public static RelayFleetModel from(TurnServer turnServer, FleetInputs inputs) {
    List<SpecProblem> problems = SpecCheck.check(turnServer);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    if (generatesAuthSecret(turnServer.getSpec()) && inputs.authSecret().isEmpty()) {
      throw new IllegalArgumentException("the operator-generated auth Secret needs keys");
    }
    return new RelayFleetModel(turnServer, inputs);
  }

  /** True when the operator owns the shared secret (SharedSecret mode without a referenced Secret). */
  public static boolean generatesAuthSecret(TurnServerSpec spec) {
    String referenced = spec.getAuth().getSharedSecret().getSecretName();
    return spec.getAuth().getMode() == AuthMode.SharedSecret && (referenced == null || referenced.isEmpty());
  }

  public TurnServer turnServer() {
    return turnServer;
  }

  public String relayImage() {
    String image = turnServer.getSpec().getImage();
    return image == null || image.isEmpty() ? inputs.defaultImages().relay() : image;
  }

  public String credentialsImage() {
    String image = turnServer.getSpec().getCredentials().getImage();
    return image == null || image.isEmpty() ? inputs.defaultImages().credentials() : image;
  }

  /** Digest of the relay configuration: a change rolls the relays, a secret rotation does not. */
  public String configHash() {
    return ContentHash.of(relayConfigMap.getData());
  }

  public Deployment deployment() {
    return DesiredHash.stamp(RelayDeployment.withTemplateHash(RelayDeployment.build(turnServer, relayImage(),
        configHash(), inputs.replicas(), inputs.families(), inputs.rollout(), inputs.fleetFileDelay())));
  }

  public ConfigMap relayConfigMap() {
    return RelayConfigMap.build(turnServer, inputs.families());
  }

  public ConfigMap fleetConfigMap() {
    return FleetConfigMap.build(turnServer, inputs.fleet(), inputs.load());
  }

  public Service adminService() {
    return DesiredHash.stamp(AdminService.build(turnServer));
  }

  public PodDisruptionBudget disruptionBudget() {
    return DesiredHash.stamp(RelayDisruptionBudget.build(turnServer));
  }

  public Service dnsService() {
    return DesiredHash.stamp(RelayDnsService.build(turnServer));
  }

  public ConfigMap credentialsRelays() {
    return CredentialsRelays.build(turnServer, inputs.fleet(), inputs.load());
  }

  public Deployment credentialsDeployment() {
    return DesiredHash.stamp(CredentialsDeployment.build(turnServer, credentialsImage()));
  }

  public Service credentialsService() {
    return DesiredHash.stamp(CredentialsObjects.service(turnServer));
  }

  public PodDisruptionBudget credentialsDisruptionBudget() {
    return DesiredHash.stamp(CredentialsObjects.disruptionBudget(turnServer));
  }

  public ServiceAccount credentialsServiceAccount() {
    return DesiredHash.stamp(CredentialsObjects.serviceAccount(turnServer));
  }

  /** The auth Secret when the operator generates it. */
  public Optional<Secret> authSecret() {
    return inputs.authSecret().map(state -> AuthSecret.build(turnServer, state));
  }
}
