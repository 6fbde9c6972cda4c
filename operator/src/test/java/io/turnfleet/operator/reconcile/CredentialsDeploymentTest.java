package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.turnfleet.operator.api.TurnServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsDeploymentTest {
  private static final String IMAGE = "registry.example.com/turnfleet/turnfleet-credentials:1.2.3";

  private static TurnServer withCredentials(boolean tokenReview) {
    return turnServer(s -> {
      s.getCredentials().setEnabled(true);
      s.getCredentials().setApiKeysSecretName("app-keys");
      s.getCredentials().setTokenReview(tokenReview);
      s.getCredentials().setMaxTTL("2h");
      s.getCredentials().setCorsOrigins(List.of("https://app.example.com"));
    });
  }

  @Test
  void runsNonRootOnAReadOnlyFilesystemWithoutAServiceAccountToken() {
    Deployment deployment = CredentialsDeployment.build(withCredentials(false), IMAGE);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isNull();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getVolumeMounts()).allSatisfy(m -> assertThat(m.getReadOnly() == Boolean.TRUE
        || m.getMountPath().equals("/tmp")).isTrue());
  }

  @Test
  void runsTheImageItIsGivenAsUidAndGid10001() {
    PodSpec pod = CredentialsDeployment.build(withCredentials(false), IMAGE).getSpec().getTemplate().getSpec();

    assertThat(pod.getContainers().get(0).getImage()).isEqualTo(IMAGE);
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(CredentialsDeployment.UID);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(CredentialsDeployment.UID);
  }

  @Test
  void mountsOnlyTheSigningKeyOfTheSharedSecretTheRelaysConfigMapAndTheApiKeys() {
    PodSpec pod = CredentialsDeployment.build(withCredentials(false), IMAGE).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName()).containsExactly("media-auth", "app-keys");
    assertThat(pod.getVolumes().get(0).getSecret().getItems()).singleElement()
        .satisfies(item -> assertThat(item.getKey()).isEqualTo("current"));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null)
        .extracting(v -> v.getConfigMap().getName()).containsExactly("media-credentials-relays");
  }

  @Test
  void argumentsCarryTheSpec() {
    List<String> args = CredentialsDeployment.build(withCredentials(false), IMAGE).getSpec().getTemplate().getSpec()
        .getContainers().get(0).getArgs();

    assertThat(String.join(" ", args)).contains("--max-ttl 7200s", "--max-relays 3", "--secret-key current",
        "--api-keys-dir /etc/turnfleet/api-keys", "--cors-origin https://app.example.com",
        "--fleet-file /etc/turnfleet/relays/relays.json").doesNotContain("--token-review");
  }

  @Test
  void tokenReviewRunsAsTheDedicatedServiceAccountWithItsToken() {
    PodSpec pod = CredentialsDeployment.build(withCredentials(true), IMAGE).getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("media-credentials");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    assertThat(pod.getContainers().get(0).getArgs()).contains("--token-review");
  }
}
