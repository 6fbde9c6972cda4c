package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ClusterRoleBinding that lets the credential service's ServiceAccount create TokenReviews
 * (and nothing else) in place while TokenReview is on, and removes it when it is off. A
 * cluster-scoped object cannot be owned by a namespaced TurnServer, so garbage collection does not
 * remove it when the TurnServer is deleted; its subject, the ServiceAccount, is collected, and a
 * binding to a ServiceAccount that no longer exists grants nothing.
 */
final class TokenReviewBinding {
  private static final Logger log = LoggerFactory.getLogger(TokenReviewBinding.class);

  private TokenReviewBinding() {}

  /**
   * Asks the API server only while the binding is wanted or may still exist (the status still names
   * the credential service), not on every reconcile of every fleet.
   */
  static void reconcile(KubernetesClient client, TurnServer ts, boolean wanted) {
    boolean mayExist = ts.getStatus() != null && ts.getStatus().getCredentialsUrl() != null;
    if (!wanted && !mayExist) {
      return;
    }
    var existing = client.rbac().clusterRoleBindings().withName(TurnServerNames.tokenReviewBindingName(ts));
    ClusterRoleBinding live = existing.get();
    if (!wanted) {
      if (live != null) {
        existing.delete();
        log.info("removed ClusterRoleBinding {}", TurnServerNames.tokenReviewBindingName(ts));
      }
      return;
    }
    ClusterRoleBinding desired = CredentialsObjects.tokenReviewBinding(ts);
    if (live == null) {
      client.resource(desired).create();
      log.info("created ClusterRoleBinding {}", TurnServerNames.tokenReviewBindingName(ts));
    } else if (!Objects.equals(live.getRoleRef(), desired.getRoleRef())
        || !Objects.equals(live.getSubjects(), desired.getSubjects())
        || !Objects.equals(live.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
      // replaced rather than updated: roleRef is immutable, and the operator needs no update grant
      existing.delete();
      client.resource(desired).create();
      log.info("replaced ClusterRoleBinding {}", TurnServerNames.tokenReviewBindingName(ts));
    }
  }
}
