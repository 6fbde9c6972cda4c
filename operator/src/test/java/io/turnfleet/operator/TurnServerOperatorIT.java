package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.api.TurnUri;
import io.turnfleet.operator.reconcile.RelayDeployment;
import io.turnfleet.operator.reconcile.TurnServerReconciler;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TurnServerOperatorIT {
  private static final String NS = "turn";
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final String DEPLOYMENT_PATH = "/apis/apps/v1/namespaces/" + NS + "/deployments/media-relay";

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

  private TurnServer apply(String name, TurnServerSpec spec) {
    return cluster.createTurnServer(NS, name, spec);
  }

  private static TurnServerSpec spec(String realm) {
    TurnServerSpec spec = new TurnServerSpec();
    spec.setRealm(realm);
    return spec;
  }

  private Deployment awaitDeployment(String name) {
    return await().atMost(Duration.ofSeconds(30)).until(
        () -> client.apps().deployments().inNamespace(NS).withName(name + "-relay").get(), d -> d != null);
  }

  private String configHash(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name + "-relay").get()
        .getSpec().getTemplate().getMetadata().getAnnotations().get(RelayDeployment.CONFIG_HASH_ANNOTATION);
  }

  private TurnServer awaitCondition(String name, String type, String status) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> cluster.turnServer(NS, name),
        ts -> ts.getStatus() != null && Conditions.find(ts.getStatus().getConditions(), type)
            .map(c -> status.equals(c.getStatus())).orElse(false));
  }

  /** Fleet media with its one relay ready on node-a, the rollout complete. */
  private TurnServer settledOneRelayFleet() {
    apply("media", spec("example.com"));
    awaitDeployment("media");
    cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7"));
    cluster.runRelays(NS, "media-relay", true, "node-a");
    awaitCondition("media", Conditions.READY, "True");
    return awaitCondition("media", Conditions.RECONCILING, "False");
  }

  @Test
  void createsEveryOwnedObjectLabelledAndOwnedByTheTurnServer() {
    TurnServer ts = apply("media", spec("example.com"));
    Deployment deployment = awaitDeployment("media");
    await().atMost(Duration.ofSeconds(30)).until(() -> client.policy().v1().podDisruptionBudget()
        .inNamespace(NS).withName("media-relay").get() != null);

    List<HasMetadata> owned = new ArrayList<>();
    owned.add(deployment);
    owned.add(client.configMaps().inNamespace(NS).withName("media-relay-config").get());
    owned.add(client.configMaps().inNamespace(NS).withName("media-fleet").get());
    owned.add(client.secrets().inNamespace(NS).withName("media-auth").get());
    owned.add(client.services().inNamespace(NS).withName("media-relay-admin").get());
    owned.add(client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("media-relay").get());
    assertThat(owned).doesNotContainNull().allSatisfy(o -> {
      assertThat(o.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/name", "turnfleet")
          .containsEntry("app.kubernetes.io/instance", "media")
          .containsEntry("app.kubernetes.io/managed-by", "turnfleet-operator");
      assertThat(o.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
        assertThat(ref.getUid()).isEqualTo(ts.getMetadata().getUid());
        assertThat(ref.getKind()).isEqualTo("TurnServer");
        assertThat(ref.getController()).isTrue();
      });
    });

    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.example/turnfleet-relay:test");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isZero();

    Secret auth = client.secrets().inNamespace(NS).withName("media-auth").get();
    assertThat(auth.getData()).containsOnlyKeys("current");
    assertThat(Base64.getDecoder().decode(auth.getData().get("current"))).hasSizeGreaterThanOrEqualTo(43);
    Service admin = client.services().inNamespace(NS).withName("media-relay-admin").get();
    assertThat(admin.getSpec().getClusterIP()).isEqualTo("None");
    PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("media-relay").get();
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
  }

  @Test
  void statusFollowsRelayReadinessAndPublishesAddressesToTheRelays() {
    TurnServerSpec spec = spec("example.com");
    spec.getReplicas().setMin(2);
    spec.getReplicas().setMax(2);
    spec.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TCP, 3478)));
    apply("media", spec);
    awaitDeployment("media");
    cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7", "InternalIP", "10.0.0.7"));
    cluster.addNode("node-b", Map.of("ExternalIP", "203.0.113.8", "InternalIP", "10.0.0.8"));

    cluster.runRelays(NS, "media-relay", false, "node-a", "node-b");
    TurnServer notReady = awaitCondition("media", Conditions.READY, "False");
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.turnServer(NS, "media").getStatus().getRelays().size() == 2);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        client.configMaps().inNamespace(NS).withName("media-fleet").get().getData())
        .containsEntry("node-a", "203.0.113.7\n")
        .containsEntry("node-b", "203.0.113.8\n")
        .containsEntry("alternates", ""));
    assertThat(notReady.getStatus().getUris()).isEmpty();

    cluster.runRelays(NS, "media-relay", true, "node-a", "node-b");
    TurnServer ready = awaitCondition("media", Conditions.READY, "True");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        cluster.turnServer(NS, "media").getStatus().getUris()).extracting(TurnUri::getUri).containsExactly(
            "turn:203.0.113.7:3478?transport=udp", "turn:203.0.113.7:3478?transport=tcp",
            "turn:203.0.113.8:3478?transport=udp", "turn:203.0.113.8:3478?transport=tcp"));
    ready = cluster.turnServer(NS, "media");
    assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(ready.getStatus().getRelays()).allSatisfy(r -> assertThat(r.isReady()).isTrue());
    assertThat(client.configMaps().inNamespace(NS).withName("media-fleet").get().getData())
        .containsEntry("alternates", "203.0.113.7:3478 tcp=3478\n203.0.113.8:3478 tcp=3478\n");
    awaitCondition("media", Conditions.RECONCILING, "False");
    awaitCondition("media", Conditions.STALLED, "False");
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RelaysReady"));
  }

  @Test
  void reconcilingAnUnchangedFleetWritesNothingAndARestartedOperatorDuplicatesNothing() throws Exception {
    settledOneRelayFleet();
    await().pollDelay(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> true);
    cluster.drainRequests();
    await().pollDelay(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> true);
    assertThat(MockCluster.writes(cluster.drainRequests())).as("writes while nothing changed").isEmpty();

    String secretBefore = client.secrets().inNamespace(NS).withName("media-auth").get().getData().get("current");
    cluster.stopOperator();
    cluster.drainRequests();
    cluster.startOperator();
    await().pollDelay(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> true);
    var afterRestart = cluster.drainRequests();
    assertThat(afterRestart).as("the restarted operator listed and watched").isNotEmpty();
    assertThat(MockCluster.writes(afterRestart)).as("writes after an operator restart").isEmpty();
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1);
    assertThat(client.configMaps().inNamespace(NS).list().getItems()).hasSize(2);
    assertThat(client.secrets().inNamespace(NS).list().getItems()).hasSize(1);
    assertThat(client.secrets().inNamespace(NS).withName("media-auth").get().getData().get("current"))
        .isEqualTo(secretBefore);
  }

  @Test
  void aConfigurationChangeRollsTheRelaysButASecretRotationDoesNot() {
    TurnServerSpec rotating = spec("example.com");
    rotating.getAuth().getSharedSecret().setPropagationDelay("2s");
    apply("media", rotating);
    awaitDeployment("media");
    String initialHash = configHash("media");
    String firstSecret = client.secrets().inNamespace(NS).withName("media-auth").get().getData().get("current");

    cluster.editTurnServer(NS, "media", ts -> ts.getMetadata().getAnnotations().put("turnfleet.io/rotate-secret", "now"));
    await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace(NS).withName("media-auth").get()
        .getData().containsKey("next"));
    Secret rotated = await().atMost(Duration.ofSeconds(30)).until(
        () -> client.secrets().inNamespace(NS).withName("media-auth").get(),
        s -> s.getData().containsKey("previous"));
    assertThat(rotated.getData()).containsOnlyKeys("current", "previous");
    assertThat(rotated.getData().get("previous")).isEqualTo(firstSecret);
    assertThat(rotated.getData().get("current")).isNotEqualTo(firstSecret);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(NS).list().getItems()
        .stream().anyMatch(e -> "SecretRotated".equals(e.getReason())));
    TurnServer withStatus = cluster.turnServer(NS, "media");
    assertThat(withStatus.getStatus().getSharedSecret().getPreviousAcceptedUntil()).isNotNull();
    assertThat(configHash("media")).as("the relays re-read the Secret; nothing rolls").isEqualTo(initialHash);

    cluster.editSpec(NS, "media", spec -> spec.setRealm("example.org"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !configHash("media").equals(initialHash));
    assertThat(client.configMaps().inNamespace(NS).withName("media-relay-config").get().getData().get("relay.yaml"))
        .contains("realm: example.org");
    await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(NS).list().getItems()
        .stream().anyMatch(e -> "RollingRelays".equals(e.getReason())));
  }

  @Test
  void aMissingTlsSecretStallsTheFleetNamingTheFieldWithoutRetryStorm() throws Exception {
    TurnServerSpec spec = spec("example.com");
    spec.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TLS, 5349)));
    spec.setTls(new io.turnfleet.operator.api.TlsSpec("media-tls"));
    apply("media", spec);

    TurnServer stalled = awaitCondition("media", Conditions.STALLED, "True");
    var condition = Conditions.find(stalled.getStatus().getConditions(), Conditions.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo("SecretNotFound");
    assertThat(condition.getMessage()).contains("spec.tls.secretName").contains("media-tls");
    assertThat(client.apps().deployments().inNamespace(NS).withName("media-relay").get()).isNull();

    cluster.drainRequests();
    await().pollDelay(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> true);
    assertThat(MockCluster.writes(cluster.drainRequests())).as("writes while degraded").isEmpty();

    client.secrets().resource(new SecretBuilder()
        .withNewMetadata().withName("media-tls").withNamespace(NS).endMetadata()
        .withType("kubernetes.io/tls")
        .withData(Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5"))
        .build()).create();
    // the operator looks again after its recheck interval; a spec edit makes it look at once
    cluster.editSpec(NS, "media", edited -> edited.setLogLevel(io.turnfleet.operator.api.LogLevel.DEBUG));
    awaitCondition("media", Conditions.STALLED, "False");
    assertThat(awaitDeployment("media").getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("media-tls"));
  }

  @Test
  void aTlsListenerWithoutCertificateStallsTheFleetNamingTheField() {
    TurnServerSpec spec = spec("example.com");
    spec.setListeners(List.of(new Listener(ListenerProtocol.TLS, 5349)));
    apply("media", spec);
    TurnServer stalled = awaitCondition("media", Conditions.STALLED, "True");
    var condition = Conditions.find(stalled.getStatus().getConditions(), Conditions.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo("InvalidSpec");
    assertThat(condition.getMessage()).startsWith("spec.tls.secretName:");
  }

  @Test
  void aConflictOnTheDeploymentIsRetriedQuietlyWithoutAnyConditionChangeOrEvent() throws Exception {
    TurnServer settled = settledOneRelayFleet();
    String hash = configHash("media");
    List<String> eventsBefore = eventReasons();
    List<Condition> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    cluster.drainRequests();

    // a Deployment update meets 409, as when the controller manager wrote it since the informer read it
    cluster.failNext(409, "PUT", DEPLOYMENT_PATH);
    try (var watch = watchConditions(seen)) {
      cluster.editSpec(NS, "media", spec -> spec.setLogLevel(io.turnfleet.operator.api.LogLevel.DEBUG));
      await().atMost(Duration.ofSeconds(30)).until(() -> !configHash("media").equals(hash));
      await().pollDelay(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> true);
    }

    assertThat(MockCluster.writes(cluster.drainRequests())).as("the conflicting update and its retry")
        .filteredOn(w -> w.startsWith("PUT /apis/apps/v1/namespaces/turn/deployments/media-relay")).hasSize(2);
    assertThat(seen).as("conditions while the conflict was retried").isNotEmpty()
        .noneMatch(c -> c.getType().equals(Conditions.STALLED) && c.getStatus().equals("True"))
        .noneMatch(c -> c.getType().equals(Conditions.READY) && c.getStatus().equals("False"))
        .noneMatch(c -> c.getReason().equals(TurnServerReconciler.RETRYING) || c.getReason().equals(TurnServerReconciler.FAILED));
    TurnServer after = cluster.turnServer(NS, "media");
    for (String type : List.of(Conditions.READY, Conditions.STALLED)) {
      Condition now = Conditions.find(after.getStatus().getConditions(), type).orElseThrow();
      Condition before = Conditions.find(settled.getStatus().getConditions(), type).orElseThrow();
      assertThat(List.of(now.getStatus(), now.getReason(), now.getLastTransitionTime())).as(type)
          .isEqualTo(List.of(before.getStatus(), before.getReason(), before.getLastTransitionTime()));
    }
    assertThat(eventReasons()).as("events: a rollout, no warning, no recovery")
        .containsExactlyInAnyOrderElementsOf(concat(eventsBefore, "RollingRelays"));
  }

  /** Collects the conditions of every version of TurnServer media the watch delivers. */
  private Watch watchConditions(List<Condition> seen) {
    return client.resources(TurnServer.class).inNamespace(NS).withName("media").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, TurnServer ts) {
        if (ts.getStatus() != null) {
          seen.addAll(ts.getStatus().getConditions());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  @Test
  void aFailedWriteReadsAsReconcilingWhileRetriesRemainAndClearsWhenOneSucceeds() throws Exception {
    settledOneRelayFleet();
    String hash = configHash("media");
    List<Condition> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    cluster.failNext(403, "PUT", DEPLOYMENT_PATH);
    try (var watch = watchConditions(seen)) {
      cluster.editSpec(NS, "media", spec -> spec.setLogLevel(io.turnfleet.operator.api.LogLevel.DEBUG));
      await().atMost(Duration.ofSeconds(30)).until(() -> !configHash("media").equals(hash));
      await().atMost(Duration.ofSeconds(30)).until(() -> Conditions.find(
          cluster.turnServer(NS, "media").getStatus().getConditions(), Conditions.RECONCILING)
          .map(c -> !c.getReason().equals(TurnServerReconciler.RETRYING)).orElse(false));
    }
    assertThat(seen).as("conditions while the failed write was retried")
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo(Conditions.RECONCILING);
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getReason()).isEqualTo(TurnServerReconciler.RETRYING);
          assertThat(c.getMessage()).isEqualTo("Applying the fleet's objects failed: deployment: HTTP 403 Forbidden;"
              + " retrying with backoff.");
        })
        .noneMatch(c -> c.getType().equals(Conditions.STALLED) && c.getStatus().equals("True"));
  }

  private List<String> eventReasons() {
    return client.v1().events().inNamespace(NS).list().getItems().stream().map(e -> e.getReason()).toList();
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> all = new ArrayList<>(list);
    all.add(more);
    return all;
  }

  @Test
  void aRepeatedEventRaisesTheCountOfTheExistingEventInsteadOfCreatingAnother() {
    apply("media", spec("example.com"));
    awaitDeployment("media");
    cluster.editSpec(NS, "media", spec -> spec.setRealm("example.org"));
    await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> "RollingRelays".equals(e.getReason())));
    cluster.editSpec(NS, "media", spec -> spec.setRealm("example.net"));
    var rolling = await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(NS).list()
        .getItems().stream().filter(e -> "RollingRelays".equals(e.getReason())).toList(),
        events -> events.size() == 1 && events.get(0).getCount() == 2);
    assertThat(rolling.get(0).getLastTimestamp()).isGreaterThanOrEqualTo(rolling.get(0).getFirstTimestamp());
    assertThat(rolling.get(0).getInvolvedObject().getName()).isEqualTo("media");
  }

  @Test
  void aDeletedTurnServerLeavesItsObjectsToGarbageCollectionThroughOwnerReferences() {
    TurnServer ts = apply("media", spec("example.com"));
    awaitDeployment("media");
    await().atMost(Duration.ofSeconds(30)).until(() -> client.configMaps().inNamespace(NS).list().getItems().size() == 2);
    client.resources(TurnServer.class).resource(ts).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.turnServer(NS, "media") == null);
    // the mock has no garbage collector: every object must point at the deleted owner so a real one would
    List<ConfigMap> configMaps = client.configMaps().inNamespace(NS).list().getItems();
    assertThat(configMaps).allSatisfy(c -> assertThat(c.getMetadata().getOwnerReferences())
        .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(ts.getMetadata().getUid())));
    assertThat(ts.getMetadata().getFinalizers()).isNullOrEmpty();
  }
}
