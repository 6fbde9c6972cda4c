package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;

/**
 * The side of an allocation that faces its client: a UDP listener socket shared by many clients,
 * or one TCP/TLS connection. Every method runs on {@link #eventLoop()}.
 */
interface ClientPath {
    Transport transport();

    EventLoop eventLoop();

    /** The server side of the client's 5-tuple. */
    InetSocketAddress localAddress();

    /** Allocator for messages sent on this path. */
    ByteBufAllocator alloc();

    /** Whether ChannelData on this path is padded to 4 bytes (RFC 8656 §12.5: streams only). */
    boolean isStream();

    /** Sends a complete STUN message or ChannelData now. Takes ownership of {@code message}. */
    void send(InetSocketAddress client, ByteBuf message);

    /**
     * A buffer to frame relayed data of up to {@code maxLength} bytes into, at its writer index, for
     * {@link #relay}; call {@link #relay} before asking for the next one.
     */
    ByteBuf relayBuffer(int maxLength);

    /**
     * Queues relayed data for the client; it is sent with everything else relayed to this path in
     * the same event loop turn. Takes ownership of {@code message}. Returns false (having released
     * it) when the path is congested.
     */
    boolean relay(InetSocketAddress client, ByteBuf message);

    /** The allocation (possibly still binding its sockets) of this client, or null. */
    RelaySocket find(InetSocketAddress client);

    void add(RelaySocket socket);

    /** Forgets a relay socket whose allocation ended. */
    void remove(RelaySocket socket);

    /**
     * A request on this path passed MESSAGE-INTEGRITY (RFC 8489 §9.2.4). Only a TCP/TLS connection
     * keeps track: from then on it no longer counts against --max-unauthenticated-connections-per-ip.
     */
    default void authenticated() {
    }
}
