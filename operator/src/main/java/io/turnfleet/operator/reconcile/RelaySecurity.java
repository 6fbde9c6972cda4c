package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.turnfleet.operator.api.TurnServerSpec;

/**
 * The relay container's privileges. Every fleet drops every capability, keeps no_new_privs
 * ({@code allowPrivilegeEscalation: false}) and a read-only root filesystem; the pod runs it as
 * {@link RelayDeployment#RELAY_UID}, the image's user.
 *
 * <p>A listener or admin port below 1024 needs CAP_NET_BIND_SERVICE in the process, and a non-root
 * process cannot get it from a pod spec: Kubernetes has no ambient capabilities, so a capability added
 * for a non-root user only reaches the bounding set and execve(2) leaves the process without it
 * (capabilities(7), "Transformation of capabilities during execve()"). A file capability on java would
 * need no_new_privs off, an image built with extended attributes (Jib writes none) and would make java
 * fail to start (EPERM) in every fleet that drops the capability. So only a fleet with such a port runs
 * its relay as UID 0 holding nothing but NET_BIND_SERVICE, still under no_new_privs: root without
 * capabilities cannot override file permissions, load modules or change the network.
 */
final class RelaySecurity {
  static final int PRIVILEGED_PORT_LIMIT = 1024;
  static final long ROOT_UID = 0L;
  static final String NET_BIND_SERVICE = "NET_BIND_SERVICE";

  private RelaySecurity() {}

  static SecurityContext container(TurnServerSpec spec) {
    SecurityContextBuilder context = new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true);
    if (!needsPrivilegedPort(spec)) {
      return context.withRunAsNonRoot(true)
          .withNewCapabilities().withDrop("ALL").endCapabilities()
          .build();
    }
    return context.withRunAsNonRoot(false)
        .withRunAsUser(ROOT_UID)
        .withNewCapabilities().withDrop("ALL").withAdd(NET_BIND_SERVICE).endCapabilities()
        .build();
  }

  static boolean needsPrivilegedPort(TurnServerSpec spec) {
    return spec.getAdminPort() < PRIVILEGED_PORT_LIMIT
        || spec.getListeners().stream().anyMatch(l -> l.getPort() < PRIVILEGED_PORT_LIMIT);
  }
}
