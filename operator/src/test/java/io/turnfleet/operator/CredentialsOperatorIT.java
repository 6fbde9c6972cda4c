package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** spec.credentials on the mock API server: the service's objects appear, follow the spec and go. */
class CredentialsOperatorIT {
  private static final String NS = "turn";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String BINDING = "turnfleet-credentials:turn:media";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MockCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.startOperator();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void apply(java.util.function.Consumer<TurnServerSpec> edit) {
    TurnServer ts = new TurnServer();
    ts.getMetadata().setName("media");
    ts.getMetadata().setNamespace(NS);
    ts.setSpec(new TurnServerSpec());
    ts.getSpec().setRealm("example.com");
    edit.accept(ts.getSpec());
    client.resource(ts).create();
  }

  private static void enable(TurnServerSpec spec, boolean tokenReview) {
    spec.getCredentials().setEnabled(true);
    spec.getCredentials().setApiKeysSecretName("app-keys");
    spec.getCredentials().setTokenReview(tokenReview);
  }

  private Deployment credentialsDeployment() {
    return client.apps().deployments().inNamespace(NS).withName("media-credentials").get();
  }

  private List<Supplier<HasMetadata>> credentialObjects() {
    return List.of(
        this::credentialsDeployment,
        () -> client.services().inNamespace(NS).withName("media-credentials").get(),
        () -> client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("media-credentials").get(),
        () -> client.configMaps().inNamespace(NS).withName("media-credentials-relays").get(),
        () -> client.serviceAccounts().inNamespace(NS).withName("media-credentials").get(),
        () -> client.rbac().clusterRoleBindings().withName(BINDING).get());
  }

  @Test
  void theCredentialServiceIsOffByDefault() {
    apply(spec -> { });
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName("media-relay").get() != null);
    await().atMost(WAIT).until(() -> cluster.turnServer(NS, "media").getStatus() != null);

    assertThat(credentialObjects()).allSatisfy(object -> assertThat(object.get()).isNull());
    assertThat(cluster.turnServer(NS, "media").getStatus().getCredentialsUrl()).isNull();
  }

  @Test
  void anEnabledServiceRunsBehindAServiceWithABudgetTheRelaysFileAndItsUrlInStatus() throws Exception {
    apply(spec -> enable(spec, false));
    Deployment deployment = await().atMost(WAIT).until(this::credentialsDeployment, d -> d != null);
    cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7"));
    cluster.runRelays(NS, "media-relay", true, "node-a");

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getContainers().get(0).getImage()).isEqualTo(MockCluster.TEST_CREDENTIALS_IMAGE);
    assertThat(pod.getVolumes()).extracting(v -> v.getSecret() == null ? v.getConfigMap() == null ? "emptyDir"
        : "configMap/" + v.getConfigMap().getName() : "secret/" + v.getSecret().getSecretName())
        .containsExactly("secret/media-auth", "configMap/media-credentials-relays", "secret/app-keys", "emptyDir");
    Service service = client.services().inNamespace(NS).withName("media-credentials").get();
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
    assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "credentials");
    PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("media-credentials")
        .get();
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(client.serviceAccounts().inNamespace(NS).withName("media-credentials").get())
        .as("no ServiceAccount without TokenReview").isNull();

    await().atMost(WAIT).untilAsserted(() -> {
      ConfigMap relays = client.configMaps().inNamespace(NS).withName("media-credentials-relays").get();
      JsonNode relay = JSON.readTree(relays.getData().get("relays.json")).get("relays").get(0);
      assertThat(relay.get("ready").asBoolean()).isTrue();
      assertThat(relay.get("uris").get(0).asText()).isEqualTo("turn:203.0.113.7:3478?transport=udp");
    });
    assertThat(cluster.turnServer(NS, "media").getStatus().getCredentialsUrl())
        .isEqualTo("http://media-credentials.turn.svc:8080");
    assertThat(client.apps().deployments().inNamespace(NS).withName("media-relay").get())
        .as("the relay Deployment is still its own").isNotNull();
  }

  @Test
  void anImageInTheSpecReplacesTheOperatorsDefaultAndClearingItBringsTheDefaultBack() {
    String own = "registry.example.com/team/turnfleet-credentials:patched";
    apply(spec -> {
      enable(spec, false);
      spec.getCredentials().setImage(own);
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(credentialsDeployment()).isNotNull()
        .satisfies(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
            .isEqualTo(own)));

    cluster.editSpec(NS, "media", spec -> spec.getCredentials().setImage(""));

    await().atMost(WAIT).untilAsserted(() -> assertThat(
        credentialsDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(MockCluster.TEST_CREDENTIALS_IMAGE));
  }

  @Test
  void tokenReviewGetsAServiceAccountBoundToTheTokenReviewRoleOnly() {
    apply(spec -> enable(spec, true));

    ClusterRoleBinding binding = await().atMost(WAIT).until(
        () -> client.rbac().clusterRoleBindings().withName(BINDING).get(), b -> b != null);
    assertThat(binding.getRoleRef().getName()).isEqualTo("turnfleet-credentials-tokenreview");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo("media-credentials");
      assertThat(s.getNamespace()).isEqualTo(NS);
    });
    ServiceAccount account = await().atMost(WAIT).until(
        () -> client.serviceAccounts().inNamespace(NS).withName("media-credentials").get(), a -> a != null);
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    var pod = await().atMost(WAIT).until(this::credentialsDeployment, d -> d != null).getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("media-credentials");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void turningTheServiceOffRemovesEveryObjectItHad() {
    apply(spec -> enable(spec, true));
    await().atMost(WAIT).until(() -> credentialObjects().stream().allMatch(object -> object.get() != null));

    cluster.editSpec(NS, "media", spec -> spec.getCredentials().setEnabled(false));

    await().atMost(WAIT).untilAsserted(() ->
        assertThat(credentialObjects()).allSatisfy(object -> assertThat(object.get()).isNull()));
    await().atMost(WAIT).until(() -> cluster.turnServer(NS, "media").getStatus().getCredentialsUrl() == null);
    assertThat(client.apps().deployments().inNamespace(NS).withName("media-relay").get()).isNotNull();
  }
}
