package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The credentials a container runtime (containerd/CRI-O with runc) starts the relay container's process
 * with: uid and gid from the container's security context, else the pod's, else the image's user; the
 * added capabilities as the bounding set (every other one dropped); no_new_privs unless privilege
 * escalation is allowed. Kubernetes sets no ambient capabilities, so after execve a non-root process
 * holds none of them, and root holds exactly the bounding set.
 */
record ContainerCredentials(long uid, long gid, List<String> capabilities, boolean noNewPrivileges) {

  static ContainerCredentials of(Deployment d, String imageUser) {
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    SecurityContext container = pod.getContainers().get(0).getSecurityContext();
    return of(pod.getSecurityContext(), container, imageUser);
  }

  static ContainerCredentials of(PodSecurityContext pod, SecurityContext container, String imageUser) {
    String[] image = imageUser.split(":");
    long uid = container.getRunAsUser() != null ? container.getRunAsUser()
        : pod.getRunAsUser() != null ? pod.getRunAsUser() : Long.parseLong(image[0]);
    long gid = container.getRunAsGroup() != null ? container.getRunAsGroup()
        : pod.getRunAsGroup() != null ? pod.getRunAsGroup() : Long.parseLong(image[1]);
    if (!container.getCapabilities().getDrop().equals(List.of("ALL"))) {
      throw new IllegalArgumentException("expected every capability dropped: " + container.getCapabilities());
    }
    List<String> added = container.getCapabilities().getAdd() == null ? List.of() : container.getCapabilities().getAdd();
    return new ContainerCredentials(uid, gid, added, !Boolean.TRUE.equals(container.getAllowPrivilegeEscalation()));
  }

  /** setpriv(1) arguments that start a command with these credentials, as runc does. */
  List<String> setpriv() {
    StringBuilder bounding = new StringBuilder("-all");
    for (String capability : capabilities) {
      bounding.append(",+").append(capability.toLowerCase(Locale.ROOT));
    }
    List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
        "--inh-caps=-all", "--bounding-set=" + bounding));
    if (noNewPrivileges) {
      command.add("--no-new-privs");
    }
    command.add("--");
    return command;
  }
}
