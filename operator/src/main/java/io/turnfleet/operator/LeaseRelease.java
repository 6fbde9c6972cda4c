package io.turnfleet.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up the Lease on the way out, as client-go's leader election does with ReleaseOnCancel: the
 * holder is cleared and the lease lasts one second, so a standby takes over at its next retry
 * instead of waiting out the lease duration. Only the holder releases, and only the version it
 * read (optimistic locking): a Lease another replica took meanwhile stays as it is.
 */
final class LeaseRelease {
  private static final Logger log = LoggerFactory.getLogger(LeaseRelease.class);

  private LeaseRelease() {}

  /** Releases Lease {@code name} in {@code namespace} if {@code identity} holds it; true when it did. */
  static boolean release(KubernetesClient client, String namespace, String name, String identity) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null || lease.getSpec() == null || !Objects.equals(identity, lease.getSpec().getHolderIdentity())) {
        return false;
      }
      ZonedDateTime now = ZonedDateTime.now().truncatedTo(ChronoUnit.MICROS);
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      client.leases().resource(lease).update();
      log.info("released Lease {}/{}", namespace, name);
      return true;
    } catch (KubernetesClientException e) {
      // a standby then waits out the lease duration, as after a crash
      log.warn("could not release Lease {}/{}: HTTP {}", namespace, name, e.getCode());
      return false;
    }
  }
}
