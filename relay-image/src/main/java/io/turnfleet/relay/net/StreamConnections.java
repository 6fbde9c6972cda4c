package io.turnfleet.relay.net;

import io.turnfleet.relay.config.Transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open TCP/TLS client connections: counted per transport for /load and the metrics, and limited per
 * source address (--max-connections-per-ip; an IPv6 source counts per /64, the size of one
 * subscriber's network) so one host can't take every file descriptor.
 */
final class StreamConnections {
    private final int maxPerSource;
    private final ConcurrentMap<Object, Integer> bySource = new ConcurrentHashMap<>();
    private final AtomicLong tcp = new AtomicLong();
    private final AtomicLong tls = new AtomicLong();

    StreamConnections(int maxPerSource) {
        this.maxPerSource = maxPerSource;
    }

    /** Counts a new connection; false (and nothing counted) when its source is at the limit. */
    boolean tryOpen(Transport transport, InetSocketAddress remote) {
        Object source = sourceKey(remote.getAddress());
        boolean[] admitted = {false};
        bySource.compute(source, (key, count) -> {
            int current = count == null ? 0 : count;
            if (maxPerSource > 0 && current >= maxPerSource) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (admitted[0]) {
            counter(transport).incrementAndGet();
        }
        return admitted[0];
    }

    void closed(Transport transport, InetSocketAddress remote) {
        bySource.computeIfPresent(sourceKey(remote.getAddress()), (key, count) -> count <= 1 ? null : count - 1);
        counter(transport).decrementAndGet();
    }

    long open(Transport transport) {
        return transport == Transport.UDP ? 0 : counter(transport).get();
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
}
