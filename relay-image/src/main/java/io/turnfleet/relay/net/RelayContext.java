package io.turnfleet.relay.net;

import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.CredentialChecker;
import io.turnfleet.relay.auth.Nonces;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.fleet.AlternateServers;
import io.turnfleet.relay.fleet.Drain;
import io.turnfleet.relay.turn.AllocationQuota;
import io.turnfleet.relay.turn.PeerPolicy;
import io.turnfleet.relay.turn.RelayPortPool;
import io.turnfleet.relay.turn.ReservationTokens;

/**
 * What every listener and connection of one relay shares: its settings and the state that spans
 * event loops (quotas, ports, credentials, drain). Everything in it is thread-safe.
 *
 * @param maxLifetimeSeconds     --max-lifetime
 * @param bandwidthPerAllocation --max-bandwidth in bytes per second, 0 = unlimited
 * @param udpIo                  how UDP sockets are driven: {@link UdpIo#NATIVE} only where {@code io} supports it
 */
public record RelayContext(String realm, String software, long maxLifetimeSeconds, long bandwidthPerAllocation,
                           boolean allowExpiredRefresh, CredentialChecker credentials, Nonces nonces,
                           SourceRateLimit challenges, AllocationQuota quota, RelayPortPool ports,
                           ReservationTokens reservations, PeerPolicy peerPolicy, OwnAddressSource ownAddresses,
                           RelayMetrics metrics,
                           RelayAddresses addresses, Drain drain, AlternateServers alternates, IoTransport io,
                           PeerConnections peerConnections, UdpIo udpIo) {
}
