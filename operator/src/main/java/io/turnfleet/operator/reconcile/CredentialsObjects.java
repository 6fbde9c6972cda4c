package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.LinkedHashMap;
import java.util.Map;

/** The credential service's Service, PodDisruptionBudget, ServiceAccount and TokenReview binding. */
public final class CredentialsObjects {
  /** Installed by the Helm chart: create on tokenreviews, nothing else. */
  public static final String TOKEN_REVIEW_CLUSTER_ROLE = "turnfleet-credentials-tokenreview";
  /** Labels of the cluster-scoped binding naming its TurnServer, which no owner reference can. */
  public static final String NAMESPACE_LABEL = "turnfleet.io/namespace";

  private CredentialsObjects() {}

  public static Service service(TurnServer ts) {
    return new ServiceBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.credentialsName(ts), CredentialsDeployment.COMPONENT))
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(CredentialsDeployment.selector(ts))
          .addNewPort().withName("http").withProtocol("TCP").withPort(CredentialsDeployment.PORT)
            .withTargetPort(new IntOrString("http")).endPort()
        .endSpec()
        .build();
  }

  /** One replica at a time may be evicted, so node drains never take the whole service away. */
  public static PodDisruptionBudget disruptionBudget(TurnServer ts) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.credentialsName(ts), CredentialsDeployment.COMPONENT))
        .withNewSpec()
          .withMaxUnavailable(new IntOrString(1))
          .withNewSelector().withMatchLabels(CredentialsDeployment.selector(ts)).endSelector()
        .endSpec()
        .build();
  }

  public static ServiceAccount serviceAccount(TurnServer ts) {
    return new ServiceAccountBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.credentialsName(ts), CredentialsDeployment.COMPONENT))
        .withAutomountServiceAccountToken(false)
        .build();
  }

  public static ClusterRoleBinding tokenReviewBinding(TurnServer ts) {
    Map<String, String> labels = new LinkedHashMap<>(FleetLabels.of(ts, CredentialsDeployment.COMPONENT));
    labels.put(NAMESPACE_LABEL, ts.getMetadata().getNamespace());
    return new ClusterRoleBindingBuilder()
        .withNewMetadata().withName(TurnServerNames.tokenReviewBindingName(ts)).withLabels(labels).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
          .withName(TOKEN_REVIEW_CLUSTER_ROLE).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(TurnServerNames.credentialsName(ts))
          .withNamespace(ts.getMetadata().getNamespace()).endSubject()
        .build();
  }

  public static String url(TurnServer ts) {
    return "http://" + TurnServerNames.credentialsName(ts) + "." + ts.getMetadata().getNamespace() + ".svc:"
        + CredentialsDeployment.PORT;
  }
}
