package io.turnfleet.relay.net;

import io.turnfleet.relay.admin.ConnectionRefusal;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.config.Transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open TCP/TLS client connections: counted per transport for /load and the metrics, and admitted per
 * source address (an IPv6 source counts per /64, the size of one subscriber's network) so one host
 * can't take every file descriptor, while hundreds of users behind one NAT address still get in.
 * Two limits do that: a rate of new connections (--connection-rate-per-ip, --connection-burst-per-ip)
 * and a cap on the connections that have not authenticated yet
 * (--max-unauthenticated-connections-per-ip). A connection that authenticated is not capped: its
 * allocations are bounded by the user's quota instead.
 */
final class StreamConnections {
    private final int maxUnauthenticatedPerSource;
    private final SourceRateLimit newConnections;
    private final RelayMetrics metrics;
    private final ConcurrentMap<Object, Integer> unauthenticated = new ConcurrentHashMap<>();
    private final AtomicLong tcp = new AtomicLong();
    private final AtomicLong tls = new AtomicLong();

    /**
     * @param maxUnauthenticatedPerSource 0 = unlimited
     * @param newConnections the rate of new connections per source, or null for unlimited
     */
    StreamConnections(int maxUnauthenticatedPerSource, SourceRateLimit newConnections, RelayMetrics metrics) {
        this.maxUnauthenticatedPerSource = maxUnauthenticatedPerSource;
        this.newConnections = newConnections;
        this.metrics = metrics;
    }

    /**
     * Admits a new connection from {@code remote}: returns its place among the open connections, or
     * null (nothing counted but the refusal) when its source is over a limit.
     */
    OpenConnection open(Transport transport, InetSocketAddress remote) {
        InetAddress address = remote.getAddress();
        if (newConnections != null && !newConnections.tryAcquire(address)) {
            metrics.connectionRefused(ConnectionRefusal.RATE);
            return null;
        }
        Object source = sourceKey(address);
        boolean[] admitted = {false};
        unauthenticated.compute(source, (key, count) -> {
            int current = count == null ? 0 : count;
            if (maxUnauthenticatedPerSource > 0 && current >= maxUnauthenticatedPerSource) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            metrics.connectionRefused(ConnectionRefusal.UNAUTHENTICATED);
            return null;
        }
        counter(transport).incrementAndGet();
        return new OpenConnection(transport, source);
    }

    long open(Transport transport) {
        return transport == Transport.UDP ? 0 : counter(transport).get();
    }

    private void leaveUnauthenticated(Object source) {
        unauthenticated.computeIfPresent(source, (key, count) -> count <= 1 ? null : count - 1);
    }

    private AtomicLong counter(Transport transport) {
        return transport == Transport.TLS ? tls : tcp;
    }

    private static Object sourceKey(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address;
        }
        return ByteBuffer.wrap(address.getAddress(), 0, 8).getLong();
    }

    /** One admitted connection. Used on its event loop only; each method counts once. */
    final class OpenConnection {
        private final Transport transport;
        private final Object source;
        private boolean authenticated;
        private boolean closed;

        private OpenConnection(Transport transport, Object source) {
            this.transport = transport;
            this.source = source;
        }

        /** A request on this connection passed MESSAGE-INTEGRITY: it no longer counts against the cap. */
        void authenticated() {
            if (!authenticated && !closed) {
                authenticated = true;
                leaveUnauthenticated(source);
            }
        }

        void closed() {
            if (closed) {
                return;
            }
            closed = true;
            if (!authenticated) {
                leaveUnauthenticated(source);
            }
            counter(transport).decrementAndGet();
        }
    }
}
