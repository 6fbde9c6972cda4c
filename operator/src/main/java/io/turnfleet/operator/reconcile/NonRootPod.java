package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;

/** The pod-level security context of every pod the operator runs: one non-root uid and gid, the runtime's seccomp profile. */
final class NonRootPod {
  private NonRootPod() {}

  static PodSecurityContext securityContext(long uid) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(uid)
        .withRunAsGroup(uid)
        .withFsGroup(uid)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }
}
