package io.turnfleet.operator;

import java.time.Duration;
import java.util.Optional;

/**
 * How operator replicas elect the one that reconciles, through Lease {@link #LEASE_NAME}.
 *
 * @param leaseNamespace namespace of the Lease; empty means the operator's own
 * @param identity this replica's name in the Lease; from the environment it is always set (the
 *     HOSTNAME, that is the pod name, unless configured), so that the Lease can be released by name
 * @param exitOnLoss whether a replica that loses the Lease exits, so it restarts as a standby
 *     instead of reconciling next to the new leader
 */
public record LeaderElection(Optional<String> leaseNamespace, Optional<String> identity, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss) {
  public static final String LEASE_NAME = "turnfleet-operator";
  /** java-operator-sdk's defaults, those of client-go's leader election. */
  public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

  public static LeaderElection standard(Optional<String> leaseNamespace, Optional<String> identity) {
    return new LeaderElection(leaseNamespace, identity, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD, true);
  }
}
