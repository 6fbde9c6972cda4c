package io.turnfleet.relay.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.turn.AllocateRequest;

import java.net.InetSocketAddress;

/**
 * Opens the relay sockets of a new allocation on the client's event loop, so relayed packets never
 * change threads (design.md, hot path rules). Ports come from the pool, a RESERVATION-TOKEN or
 * EVEN-PORT (RFC 8656 §7.2); a port some other process holds is skipped.
 */
final class RelaySocketBinder {
    /** Called on the event loop once: with the reservation token (or null) on success, or a failure code. */
    interface Completion {
        void done(Long reservationToken, ErrorCode failure);
    }

    /** Largest UDP payload: datagrams are never truncated. */
    static final int MAX_DATAGRAM = 65_536;
    private static final int BIND_ATTEMPTS = 8;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final RelayContext relay;

    RelaySocketBinder(RelayContext relay) {
        this.relay = relay;
    }

    void bind(RelaySocket socket, AllocateRequest request, boolean ipv6Wanted, Completion completion) {
        boolean primaryIpv4 = request.ipv4();
        long now = System.nanoTime();
        int port;
        boolean poolPort = false;
        if (request.hasReservationToken()) {
            port = relay.reservations().redeem(request.reservationToken(), now);
            if (port < 0) {
                completion.done(null, ErrorCode.INSUFFICIENT_CAPACITY);
                return;
            }
        } else if (request.evenPort()) {
            port = relay.ports().acquireEven(request.reserveNext());
        } else {
            port = relay.ports().acquire();
            poolPort = true;
        }
        if (port < 0) {
            completion.done(null, ErrorCode.INSUFFICIENT_CAPACITY);
            return;
        }
        Long token = request.evenPort() && request.reserveNext()
                ? relay.reservations().reserve(port + 1, primaryIpv4, now) : null;
        boolean secondIpv6 = primaryIpv4 && ipv6Wanted;
        bindFamily(socket, primaryIpv4, port, poolPort ? BIND_ATTEMPTS : 1, failure -> {
            if (failure != null || !secondIpv6) {
                completion.done(failure == null ? token : null, failure);
                return;
            }
            int second = relay.ports().acquire();
            if (second < 0) {
                completion.done(null, ErrorCode.INSUFFICIENT_CAPACITY);
                return;
            }
            bindFamily(socket, false, second, BIND_ATTEMPTS, secondFailure -> completion.done(
                    secondFailure == null ? token : null, secondFailure));
        });
    }

    private interface FamilyDone {
        void done(ErrorCode failure);
    }

    private void bindFamily(RelaySocket socket, boolean ipv4, int port, int attemptsLeft, FamilyDone done) {
        InetSocketAddress local = new InetSocketAddress(relay.addresses().bind(ipv4), port);
        ChannelFuture future = new Bootstrap()
                .group(socket.clientPath().eventLoop())
                .channelFactory(relay.io().datagram(ipv4))
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new PeerHandler(socket, relay.metrics()))
                .bind(local);
        future.addListener(f -> {
            Channel channel = future.channel();
            if (f.isSuccess() && !socket.isClosed()) {
                socket.attach(ipv4, channel, port);
                done.done(null);
                return;
            }
            channel.close();
            relay.ports().release(port);
            if (socket.isClosed()) {
                done.done(ErrorCode.ALLOCATION_MISMATCH);
            } else if (attemptsLeft > 1) {
                int next = relay.ports().acquire();
                if (next < 0) {
                    done.done(ErrorCode.INSUFFICIENT_CAPACITY);
                } else {
                    bindFamily(socket, ipv4, next, attemptsLeft - 1, done);
                }
            } else {
                done.done(ErrorCode.INSUFFICIENT_CAPACITY);
            }
        });
    }
}
