package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.StaticUsersSpec;
import io.turnfleet.operator.api.TlsSpec;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.fleet.AddressFamilies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayDeploymentTest {
  private static final String IMAGE = "registry.example/turnfleet-relay:1.0";

  private static Deployment build(TurnServer ts) {
    return build(ts, AddressFamilies.IPV4_ONLY, new RolloutStrategy(0));
  }

  private static Deployment build(TurnServer ts, AddressFamilies families, RolloutStrategy rollout) {
    return RelayDeployment.build(ts, IMAGE, "c0ffee", 3, families, rollout, Duration.ofSeconds(90));
  }

  private static PodSpec pod(Deployment d) {
    return d.getSpec().getTemplate().getSpec();
  }

  private static Container relay(Deployment d) {
    return pod(d).getContainers().get(0);
  }

  private static List<String> volumeSecrets(Deployment d) {
    return pod(d).getVolumes().stream().filter(v -> v.getSecret() != null)
        .map(v -> v.getSecret().getSecretName()).toList();
  }

  @Test
  void relaysUseTheNodesNetworkWithClusterDnsAndNoServiceAccountToken() {
    PodSpec pod = pod(build(turnServer()));
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
  }

  @Test
  void atMostOneRelayOfTheFleetRunsPerNode() {
    var terms = pod(build(turnServer())).getAffinity().getPodAntiAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution();
    assertThat(terms).singleElement().satisfies(term -> {
      assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
      assertThat(term.getLabelSelector().getMatchLabels()).isEqualTo(FleetLabels.relaySelector(turnServer()));
    });
  }

  @Test
  void theSpecsAffinityIsKeptBesideTheOneRelayPerNodeRule() {
    TurnServer ts = turnServer(s -> s.setAffinity(new AffinityBuilder()
        .withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
          .addNewNodeSelectorTerm().addNewMatchExpression().withKey("turn").withOperator("Exists").endMatchExpression()
          .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
        .withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
          .withWeight(10).withNewPodAffinityTerm().withTopologyKey("zone").endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity()
        .build()));
    var affinity = pod(build(ts)).getAffinity();
    assertThat(affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms())
        .hasSize(1);
    assertThat(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
    assertThat(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
    assertThat(ts.getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
        .as("the spec's own object is not modified").isEmpty();
  }

  @Test
  void withoutASpareNodeRollingUpdatesReplaceOneRelayAtATimeInPlace() {
    var rolling = build(turnServer()).getSpec().getStrategy();
    assertThat(rolling.getType()).isEqualTo("RollingUpdate");
    assertThat(rolling.getRollingUpdate().getMaxSurge().getIntVal()).isZero();
    assertThat(rolling.getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
  }

  @Test
  void withASpareNodeANewRelayStartsBeforeAnOldOneDrains() {
    var rolling = build(turnServer(), AddressFamilies.IPV4_ONLY, new RolloutStrategy(1)).getSpec().getStrategy();
    assertThat(rolling.getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
    assertThat(rolling.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
  }

  @Test
  void theProgressDeadlineCoversADrainAStartAndTheFleetFileDelaySoAOneAtATimeRolloutNeverReadsAsStalled() {
    assertThat(build(turnServer(s -> s.setDrainGracePeriodSeconds(3600))).getSpec().getProgressDeadlineSeconds())
        .isEqualTo(3600 + 600 + 90);
    assertThat(build(turnServer()).getSpec().getProgressDeadlineSeconds()).isEqualTo(300 + 600 + 90);
  }

  @Test
  void aNewRelayCountsAsAvailableOnlyOnceTheFleetFileNamingItHasReachedTheOtherRelays() {
    assertThat(build(turnServer()).getSpec().getMinReadySeconds()).isEqualTo(90);
  }

  @Test
  void thePodTemplateRecordsTheAddressFamiliesItsRelaysServe() {
    assertThat(build(turnServer(), new AddressFamilies(true, true), new RolloutStrategy(0)).getSpec().getTemplate()
        .getMetadata().getAnnotations()).containsEntry("turnfleet.io/address-families", "IPv4,IPv6");
  }

  @Test
  void theAdminListenerBindsTheNodesAddressFromTheDownwardApiInBracketsForEitherFamily() {
    Container relay = relay(build(turnServer(s -> s.setAdminPort(9700))));
    assertThat(relay.getArgs()).contains("--admin-listen=[$(HOST_IP)]:9700");
    assertThat(relay.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("HOST_IP");
      assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.hostIP");
    });
  }

  @Test
  void theJvmGetsHeapAndDirectMemoryAsSharesOfTheMemoryLimit() {
    assertThat(relay(build(turnServer())).getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
      assertThat(env.getValue()).isEqualTo("-XX:MaxRAMPercentage=50.0 -XX:MaxDirectMemorySize=134217728");
    });
  }

  @Test
  void terminationGracePeriodIsTheDrainGracePeriod() {
    TurnServer ts = turnServer(s -> s.setDrainGracePeriodSeconds(900));
    assertThat(pod(build(ts)).getTerminationGracePeriodSeconds()).isEqualTo(900L);
  }

  @Test
  void readinessAndLivenessProbeTheAdminPort() {
    Container relay = relay(build(turnServer(s -> s.setAdminPort(9700))));
    assertThat(relay.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(relay.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9700);
    assertThat(relay.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(relay.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9700);
  }

  @Test
  void theRelayRunsAsNonRootOnAReadOnlyRootFilesystemWithEveryCapabilityDropped() {
    Deployment d = build(turnServer());
    assertThat(pod(d).getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod(d).getSecurityContext().getRunAsUser()).isEqualTo(RelayDeployment.RELAY_UID);
    var container = relay(d).getSecurityContext();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
  }

  @Test
  void aListenerPortBelow1024AddsOnlyNetBindService() {
    TurnServer ts = turnServer(s -> s.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478),
        new Listener(ListenerProtocol.TLS, 443))));
    ts.getSpec().setTls(new TlsSpec("media-tls"));
    assertThat(relay(build(ts)).getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
  }

  @Test
  void anAdminPortBelow1024AddsNetBindService() {
    assertThat(relay(build(turnServer(s -> s.setAdminPort(900)))).getSecurityContext().getCapabilities().getAdd())
        .containsExactly("NET_BIND_SERVICE");
  }

  @Test
  void theRelayReadsItsConfigFileAndItsNodesAddressFileNamedThroughTheDownwardApi() {
    Container relay = relay(build(turnServer()));
    assertThat(relay.getImage()).isEqualTo(IMAGE);
    assertThat(relay.getArgs()).startsWith("--config=/etc/turnfleet/config/relay.yaml",
        "--external-ip-file=/etc/turnfleet/fleet/$(NODE_NAME)");
    assertThat(relay.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("NODE_NAME");
      assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    });
  }

  @Test
  void containerPortsNameEveryListenerAndTheAdminPort() {
    Container relay = relay(build(turnServer()));
    assertThat(relay.getPorts()).extracting(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getContainerPort())
        .containsExactly("udp-3478/UDP/3478", "tcp-3478/TCP/3478", "admin/TCP/9641");
  }

  @Test
  void theGeneratedAuthSecretIsMountedAsFilesReadOnly() {
    Deployment d = build(turnServer());
    assertThat(volumeSecrets(d)).containsExactly("media-auth");
    assertThat(relay(d).getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getName()).isEqualTo("auth");
      assertThat(m.getMountPath()).isEqualTo("/etc/turnfleet/auth");
      assertThat(m.getReadOnly()).isTrue();
    });
  }

  @Test
  void aReferencedSharedSecretIsMountedInsteadOfTheGeneratedOne() {
    TurnServer ts = turnServer(s -> s.getAuth().getSharedSecret().setSecretName("my-secret"));
    assertThat(volumeSecrets(build(ts))).containsExactly("my-secret");
  }

  @Test
  void staticUsersMountTheirSecretKeyAsTheUsersFile() {
    TurnServer ts = turnServer(s -> {
      s.getAuth().setMode(AuthMode.StaticUsers);
      s.getAuth().setStaticUsers(new StaticUsersSpec("people", "list"));
    });
    Volume users = pod(build(ts)).getVolumes().stream().filter(v -> v.getName().equals("users")).findFirst().orElseThrow();
    assertThat(users.getSecret().getSecretName()).isEqualTo("people");
    assertThat(users.getSecret().getItems()).singleElement().satisfies(item -> {
      assertThat(item.getKey()).isEqualTo("list");
      assertThat(item.getPath()).isEqualTo("users");
    });
    assertThat(volumeSecrets(build(ts))).containsExactly("people");
  }

  @Test
  void aTlsListenerMountsTheCertificateSecret() {
    TurnServer ts = turnServer(s -> {
      s.setListeners(List.of(new Listener(ListenerProtocol.TLS, 5349)));
      s.setTls(new TlsSpec("media-tls"));
    });
    assertThat(volumeSecrets(build(ts))).containsExactly("media-auth", "media-tls");
    assertThat(relay(build(ts)).getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/turnfleet/tls"));
  }

  @Test
  void thePodTemplateCarriesTheConfigurationHashSoAChangeRollsTheRelays() {
    Deployment d = build(turnServer());
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(RelayDeployment.CONFIG_HASH_ANNOTATION, "c0ffee");
    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void theDeploymentIsOwnedByTheTurnServerAndSelectsItsRelayPods() {
    Deployment d = build(turnServer());
    assertThat(d.getMetadata().getName()).isEqualTo("media-relay");
    assertThat(d.getMetadata().getNamespace()).isEqualTo("turn");
    assertThat(d.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getUid()).isEqualTo(SampleFleets.UID);
      assertThat(ref.getController()).isTrue();
    });
    assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(FleetLabels.relaySelector(turnServer()));
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/managed-by", "turnfleet-operator");
  }

  @Test
  void resourcesDefaultToModestRequestsUnlessTheSpecSetsThem() {
    assertThat(relay(build(turnServer())).getResources().getRequests())
        .containsEntry("cpu", new Quantity("250m")).containsEntry("memory", new Quantity("256Mi"));
    var own = new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("2")).build();
    assertThat(relay(build(turnServer(s -> s.setResources(own)))).getResources()).isEqualTo(own);
  }

  @Test
  void schedulingFieldsComeFromTheSpec() {
    TurnServer ts = turnServer(s -> {
      s.getNodeSelector().put("turn", "yes");
      s.setPriorityClassName("turn-critical");
    });
    assertThat(pod(build(ts)).getNodeSelector()).containsEntry("turn", "yes");
    assertThat(pod(build(ts)).getPriorityClassName()).isEqualTo("turn-critical");
    assertThat(pod(build(turnServer())).getNodeSelector()).isNull();
  }

  @Test
  void theTemplateHashFollowsThePodTemplateAndNotTheSizeOrRolloutOrder() {
    String base = RelayDeployment.templateHash(RelayDeployment.withTemplateHash(build(turnServer())));
    String resized = RelayDeployment.templateHash(RelayDeployment.withTemplateHash(
        RelayDeployment.build(turnServer(), IMAGE, "c0ffee", 5, AddressFamilies.IPV4_ONLY, new RolloutStrategy(1),
            Duration.ofSeconds(90))));
    String newAdminPort = RelayDeployment.templateHash(RelayDeployment.withTemplateHash(
        build(turnServer(s -> s.setAdminPort(9700)))));
    assertThat(base).isNotBlank().isEqualTo(resized);
    assertThat(newAdminPort).isNotEqualTo(base);
  }
}
