package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodAntiAffinityBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.fleet.AddressFamilies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The relay Deployment: one host-network relay per node. */
public final class RelayDeployment {
  public static final String CONFIG_HASH_ANNOTATION = "turnfleet.io/config-hash";
  /**
   * On the Deployment: a digest of its pod template. A change of it is a rollout of the relays, whether
   * the relay configuration, the command line (ports, admin listener), the image or the pod spec changed.
   */
  public static final String TEMPLATE_HASH_ANNOTATION = "turnfleet.io/template-hash";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  public static final String CONTAINER = "relay";
  public static final long RELAY_UID = 10001L;
  static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";
  /**
   * What a relay may take to start, beyond its predecessor's drain: image pull, JVM start, the
   * kubelet's first readiness probe and the fleet file reaching the pod (about a minute).
   */
  static final int STARTUP_ALLOWANCE_SECONDS = 600;
  static final String HOST_IP = "HOST_IP";
  private static final int DEFAULT_SECRET_MODE = 0440;

  private RelayDeployment() {}

  /**
   * Builds the Deployment.
   *
   * @param image the relay image (the spec's, or the operator's default)
   * @param configHash digest of everything in the relay's configuration that needs a restart
   * @param replicas relays to run
   * @param families the address families the relays listen and relay on
   * @param strategy whether a rollout surges onto a free node or replaces relays in place
   * @param fleetFileDelay how long the fleet file takes to reach every relay: a new relay counts as
   *     available (and the next old one may drain) only once the others can name it as an alternate
   */
  public static Deployment build(TurnServer ts, String image, String configHash, int replicas,
      AddressFamilies families, RolloutStrategy strategy, Duration fleetFileDelay) {
    TurnServerSpec spec = ts.getSpec();
    Map<String, String> selector = FleetLabels.relaySelector(ts);
    Map<String, String> podLabels = FleetLabels.of(ts, FleetLabels.RELAY);
    return new DeploymentBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.deploymentName(ts), FleetLabels.RELAY))
        .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector().withMatchLabels(selector).endSelector()
          .withNewStrategy()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
              .withMaxSurge(new IntOrString(strategy.maxSurge()))
              .withMaxUnavailable(new IntOrString(strategy.maxUnavailable()))
            .endRollingUpdate()
          .endStrategy()
          .withMinReadySeconds(minReadySeconds(fleetFileDelay))
          .withProgressDeadlineSeconds(progressDeadlineSeconds(spec, fleetFileDelay))
          .withNewTemplate()
            .withNewMetadata()
              .withLabels(podLabels)
              .withAnnotations(Map.of(CONFIG_HASH_ANNOTATION, configHash,
                  AddressFamilies.ANNOTATION, families.annotation()))
            .endMetadata()
            .withNewSpec()
              .withHostNetwork(true)
              .withDnsPolicy("ClusterFirstWithHostNet")
              .withAutomountServiceAccountToken(false)
              .withEnableServiceLinks(false)
              .withTerminationGracePeriodSeconds((long) spec.getDrainGracePeriodSeconds())
              .withAffinity(affinity(spec.getAffinity(), selector))
              .withNodeSelector(spec.getNodeSelector().isEmpty() ? null : new LinkedHashMap<>(spec.getNodeSelector()))
              .withTolerations(spec.getTolerations().isEmpty() ? null : new ArrayList<>(spec.getTolerations()))
              .withPriorityClassName(spec.getPriorityClassName())
              .withSecurityContext(NonRootPod.securityContext(RELAY_UID))
              .withContainers(container(ts, image))
              .withVolumes(volumes(ts))
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  private static Container container(TurnServer ts, String image) {
    TurnServerSpec spec = ts.getSpec();
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image)
        .withImagePullPolicy(spec.getImagePullPolicy() == null ? null : spec.getImagePullPolicy().name())
        .withArgs(
            "--config=" + RelayFiles.CONFIG_FILE,
            "--external-ip-file=" + RelayFiles.FLEET_DIR + "/$(NODE_NAME)",
            // the node's internal address, not a wildcard; brackets fit either family
            "--admin-listen=[$(" + HOST_IP + ")]:" + spec.getAdminPort())
        .withEnv(env(spec))
        .withPorts(ports(spec))
        .withReadinessProbe(httpProbe("/readyz", spec.getAdminPort(), 5, 2))
        .withLivenessProbe(httpProbe("/healthz", spec.getAdminPort(), 10, 3))
        .withResources(resources(spec.getResources()))
        .withSecurityContext(RelaySecurity.container(spec))
        .withVolumeMounts(volumeMounts(ts))
        .build();
  }

  /** Names the digest of {@code deployment}'s pod template on the Deployment itself. */
  static Deployment withTemplateHash(Deployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(deployment.getMetadata().getAnnotations());
    annotations.put(TEMPLATE_HASH_ANNOTATION, ContentHash.of(JSON.asJson(deployment.getSpec().getTemplate())));
    deployment.getMetadata().setAnnotations(annotations);
    return deployment;
  }

  /** The pod template digest a Deployment was written with; null for one written before it was named. */
  public static String templateHash(Deployment deployment) {
    return deployment.getMetadata().getAnnotations() == null
        ? null : deployment.getMetadata().getAnnotations().get(TEMPLATE_HASH_ANNOTATION);
  }

  static int minReadySeconds(Duration fleetFileDelay) {
    return (int) Math.min(Integer.MAX_VALUE, (fleetFileDelay.toMillis() + 999) / 1000);
  }

  /**
   * A one-at-a-time rollout waits for a drain, a start and the fleet file's delay: none of them may
   * read as a stalled rollout.
   */
  static int progressDeadlineSeconds(TurnServerSpec spec, Duration fleetFileDelay) {
    return spec.getDrainGracePeriodSeconds() + STARTUP_ALLOWANCE_SECONDS + minReadySeconds(fleetFileDelay);
  }

  private static List<EnvVar> env(TurnServerSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    env.add(fieldRef("NODE_NAME", "spec.nodeName"));
    // with host networking the pod IP is the node's InternalIP of the cluster's primary family
    env.add(fieldRef(HOST_IP, "status.hostIP"));
    RelaySizing.jvmOptions(resources(spec.getResources())).ifPresent(options ->
        env.add(new EnvVarBuilder().withName(RelaySizing.JAVA_TOOL_OPTIONS).withValue(options).build()));
    return env;
  }

  private static EnvVar fieldRef(String name, String fieldPath) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath).endFieldRef().endValueFrom()
        .build();
  }

  private static List<ContainerPort> ports(TurnServerSpec spec) {
    List<ContainerPort> ports = new ArrayList<>();
    for (Listener l : spec.getListeners()) {
      ports.add(new ContainerPortBuilder()
          .withName(l.getProtocol().name().toLowerCase(Locale.ROOT) + "-" + l.getPort())
          .withContainerPort(l.getPort())
          .withProtocol(l.getProtocol() == ListenerProtocol.UDP ? "UDP" : "TCP")
          .build());
    }
    ports.add(new ContainerPortBuilder()
        .withName("admin").withContainerPort(spec.getAdminPort()).withProtocol("TCP").build());
    return ports;
  }

  private static Probe httpProbe(String path, int port, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).withScheme("HTTP").endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** The spec's resources, or modest defaults: relays are network-bound, the JVM needs memory. */
  static ResourceRequirements resources(ResourceRequirements fromSpec) {
    if (fromSpec != null) {
      return fromSpec;
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("250m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("memory", new Quantity("512Mi"))
        .build();
  }

  /** The user's affinity plus the required rule that keeps two relays of this fleet off one node. */
  static Affinity affinity(Affinity fromSpec, Map<String, String> selector) {
    PodAffinityTerm onePerNode = new PodAffinityTermBuilder()
        .withNewLabelSelector().withMatchLabels(selector).endLabelSelector()
        .withTopologyKey(HOSTNAME_TOPOLOGY)
        .build();
    AffinityBuilder affinity = fromSpec == null ? new AffinityBuilder() : new AffinityBuilder(fromSpec);
    PodAntiAffinityBuilder anti = fromSpec == null || fromSpec.getPodAntiAffinity() == null
        ? new PodAntiAffinityBuilder()
        : new PodAntiAffinityBuilder(fromSpec.getPodAntiAffinity());
    anti.addToRequiredDuringSchedulingIgnoredDuringExecution(onePerNode);
    return affinity.withPodAntiAffinity(anti.build()).build();
  }

  private static List<Volume> volumes(TurnServer ts) {
    TurnServerSpec spec = ts.getSpec();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("config")
        .withNewConfigMap().withName(TurnServerNames.relayConfigMapName(ts)).endConfigMap().build());
    volumes.add(new VolumeBuilder().withName("fleet")
        .withNewConfigMap().withName(TurnServerNames.fleetConfigMapName(ts)).endConfigMap().build());
    if (spec.getAuth().getMode() == AuthMode.StaticUsers) {
      volumes.add(new VolumeBuilder().withName("users")
          .withNewSecret()
            .withSecretName(spec.getAuth().getStaticUsers().getSecretName())
            .withItems(new KeyToPath(spec.getAuth().getStaticUsers().getKey(), null, RelayFiles.USERS_KEY))
            .withDefaultMode(DEFAULT_SECRET_MODE)
          .endSecret().build());
    } else {
      volumes.add(new VolumeBuilder().withName("auth")
          .withNewSecret()
            .withSecretName(TurnServerNames.sharedSecretName(ts))
            .withDefaultMode(DEFAULT_SECRET_MODE)
          .endSecret().build());
    }
    if (TlsListeners.present(spec)) {
      volumes.add(new VolumeBuilder().withName("tls")
          .withNewSecret()
            .withSecretName(spec.getTls().getSecretName())
            .withItems(
                new KeyToPath(RelayFiles.TLS_CERT_KEY, null, RelayFiles.TLS_CERT_KEY),
                new KeyToPath(RelayFiles.TLS_KEY_KEY, null, RelayFiles.TLS_KEY_KEY))
            .withDefaultMode(DEFAULT_SECRET_MODE)
          .endSecret().build());
    }
    volumes.add(new VolumeBuilder().withName("tmp")
        .withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().build());
    return volumes;
  }

  private static List<VolumeMount> volumeMounts(TurnServer ts) {
    TurnServerSpec spec = ts.getSpec();
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(readOnly("config", RelayFiles.CONFIG_DIR));
    mounts.add(readOnly("fleet", RelayFiles.FLEET_DIR));
    if (spec.getAuth().getMode() == AuthMode.StaticUsers) {
      mounts.add(readOnly("users", RelayFiles.USERS_DIR));
    } else {
      mounts.add(readOnly("auth", RelayFiles.AUTH_DIR));
    }
    if (TlsListeners.present(spec)) {
      mounts.add(readOnly("tls", RelayFiles.TLS_DIR));
    }
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath(RelayFiles.TMP_DIR).build());
    return mounts;
  }

  private static VolumeMount readOnly(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(true).build();
  }
}
