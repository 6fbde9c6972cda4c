package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.turnfleet.operator.api.CredentialsSpec;
import io.turnfleet.operator.api.SpecDuration;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credential service's Deployment: non-root, read-only root filesystem, no capabilities; the
 * signing key of the shared-secret Secret (that key only), the relays ConfigMap and the API-key
 * Secret mounted read-only. A ServiceAccount token is mounted only when TokenReview is on, and then
 * it is the dedicated ServiceAccount's, which may do nothing but create TokenReviews.
 */
public final class CredentialsDeployment {
  public static final String COMPONENT = "credentials";
  public static final String CONTAINER = "credentials";
  public static final int PORT = 8080;
  static final String SECRET_DIR = "/etc/turnfleet/secret";
  static final String RELAYS_DIR = "/etc/turnfleet/relays";
  static final String API_KEYS_DIR = "/etc/turnfleet/api-keys";
  public static final long UID = 10001;
  private static final int SECRET_MODE = 0440;

  private CredentialsDeployment() {}

  public static Deployment build(TurnServer ts, String image) {
    CredentialsSpec spec = ts.getSpec().getCredentials();
    Map<String, String> selector = selector(ts);
    return new DeploymentBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.credentialsName(ts), COMPONENT))
        .withNewSpec()
          .withReplicas(spec.getReplicas())
          .withNewSelector().withMatchLabels(selector).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(FleetLabels.of(ts, COMPONENT)).endMetadata()
            .withNewSpec()
              .withServiceAccountName(spec.isTokenReview() ? TurnServerNames.credentialsName(ts) : null)
              .withAutomountServiceAccountToken(spec.isTokenReview())
              .withEnableServiceLinks(false)
              .withNewAffinity().withNewPodAntiAffinity()
                .withPreferredDuringSchedulingIgnoredDuringExecution(new WeightedPodAffinityTermBuilder()
                    .withWeight(100)
                    .withNewPodAffinityTerm()
                      .withNewLabelSelector().withMatchLabels(selector).endLabelSelector()
                      .withTopologyKey("kubernetes.io/hostname")
                    .endPodAffinityTerm()
                    .build())
              .endPodAntiAffinity().endAffinity()
              .withSecurityContext(NonRootPod.securityContext(UID))
              .withContainers(container(ts, image))
              .withVolumes(volumes(ts))
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /** The immutable Deployment selector; the component tells these pods from the relays. */
  static Map<String, String> selector(TurnServer ts) {
    return Map.of(FleetLabels.NAME, FleetLabels.APP, FleetLabels.INSTANCE, ts.getMetadata().getName(),
        FleetLabels.COMPONENT, COMPONENT);
  }

  private static Container container(TurnServer ts, String image) {
    CredentialsSpec spec = ts.getSpec().getCredentials();
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image)
        .withArgs(args(spec))
        .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withReadinessProbe(probe("/readyz", 5))
        .withLivenessProbe(probe("/healthz", 10))
        .withResources(resources(spec.getResources()))
        .withNewSecurityContext()
          .withAllowPrivilegeEscalation(false)
          .withReadOnlyRootFilesystem(true)
          .withRunAsNonRoot(true)
          .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .withVolumeMounts(mounts(spec))
        .build();
  }

  static List<String> args(CredentialsSpec spec) {
    List<String> args = new ArrayList<>(List.of(
        "--listen", "0.0.0.0:" + PORT,
        "--secret-dir", SECRET_DIR,
        "--secret-key", spec.getSigningKey(),
        "--fleet-file", RELAYS_DIR + "/" + CredentialsRelays.KEY,
        "--max-ttl", SpecDuration.parse(spec.getMaxTTL()).orElseThrow().toSeconds() + "s",
        "--max-relays", Integer.toString(spec.getMaxRelays()),
        "--rate", Integer.toString(spec.getRequestsPerSecond()),
        "--burst", Integer.toString(spec.getBurst())));
    if (hasApiKeys(spec)) {
      args.addAll(List.of("--api-keys-dir", API_KEYS_DIR));
    }
    if (spec.isTokenReview()) {
      args.add("--token-review");
    }
    spec.getCorsOrigins().forEach(origin -> args.addAll(List.of("--cors-origin", origin)));
    return args;
  }

  private static boolean hasApiKeys(CredentialsSpec spec) {
    return spec.getApiKeysSecretName() != null && !spec.getApiKeysSecretName().isEmpty();
  }

  private static List<Volume> volumes(TurnServer ts) {
    CredentialsSpec spec = ts.getSpec().getCredentials();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("secret")
        .withNewSecret()
          .withSecretName(TurnServerNames.sharedSecretName(ts))
          .withItems(new KeyToPath(spec.getSigningKey(), null, spec.getSigningKey()))
          .withDefaultMode(SECRET_MODE)
        .endSecret().build());
    volumes.add(new VolumeBuilder().withName("relays")
        .withNewConfigMap().withName(TurnServerNames.credentialsRelaysConfigMapName(ts)).endConfigMap().build());
    if (hasApiKeys(spec)) {
      volumes.add(new VolumeBuilder().withName("api-keys")
          .withNewSecret().withSecretName(spec.getApiKeysSecretName()).withDefaultMode(SECRET_MODE).endSecret()
          .build());
    }
    volumes.add(new VolumeBuilder().withName("tmp")
        .withNewEmptyDir().withSizeLimit(new Quantity("16Mi")).endEmptyDir().build());
    return volumes;
  }

  private static List<VolumeMount> mounts(CredentialsSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(readOnly("secret", SECRET_DIR));
    mounts.add(readOnly("relays", RELAYS_DIR));
    if (hasApiKeys(spec)) {
      mounts.add(readOnly("api-keys", API_KEYS_DIR));
    }
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    return mounts;
  }

  private static VolumeMount readOnly(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(true).build();
  }

  private static Probe probe(String path, int periodSeconds) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(PORT)).withScheme("HTTP").endHttpGet()
        .withPeriodSeconds(periodSeconds).withTimeoutSeconds(2).withFailureThreshold(3)
        .build();
  }

  private static ResourceRequirements resources(ResourceRequirements fromSpec) {
    if (fromSpec != null) {
      return fromSpec;
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("50m"))
        .addToRequests("memory", new Quantity("128Mi"))
        .addToLimits("memory", new Quantity("256Mi"))
        .build();
  }
}
