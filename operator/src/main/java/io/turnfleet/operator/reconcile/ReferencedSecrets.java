package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that the Secrets a TurnServer names exist and hold the keys the relay reads. Only key names
 * are inspected; values are never read into a message.
 */
public final class ReferencedSecrets {
  private final KubernetesClient client;

  public ReferencedSecrets(KubernetesClient client) {
    this.client = client;
  }

  public List<SpecProblem> check(TurnServer ts) {
    TurnServerSpec spec = ts.getSpec();
    String namespace = ts.getMetadata().getNamespace();
    List<SpecProblem> problems = new ArrayList<>();
    if (TlsListeners.present(spec)) {
      requireKeys(namespace, "spec.tls.secretName", spec.getTls().getSecretName(),
          List.of(RelayFiles.TLS_CERT_KEY, RelayFiles.TLS_KEY_KEY), problems);
    }
    if (spec.getAuth().getMode() == AuthMode.StaticUsers) {
      requireKeys(namespace, "spec.auth.staticUsers.secretName", spec.getAuth().getStaticUsers().getSecretName(),
          List.of(spec.getAuth().getStaticUsers().getKey()), problems);
    } else if (!RelayFleetModel.generatesAuthSecret(spec)) {
      requireKeys(namespace, "spec.auth.sharedSecret.secretName", spec.getAuth().getSharedSecret().getSecretName(),
          List.of(), problems);
    }
    return problems;
  }

  private void requireKeys(String namespace, String field, String name, List<String> keys, List<SpecProblem> problems) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      problems.add(new SpecProblem(SpecProblem.SECRET_NOT_FOUND, field,
          "Secret '" + name + "' does not exist in namespace '" + namespace + "'"));
      return;
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    if (keys.isEmpty() && data.isEmpty()) {
      problems.add(new SpecProblem(SpecProblem.SECRET_KEY_MISSING, field,
          "Secret '" + name + "' has no keys (expected at least one shared secret)"));
    }
    for (String key : keys) {
      if (!data.containsKey(key)) {
        problems.add(new SpecProblem(SpecProblem.SECRET_KEY_MISSING, field,
            "Secret '" + name + "' has no key '" + key + "'"));
      }
    }
  }
}
