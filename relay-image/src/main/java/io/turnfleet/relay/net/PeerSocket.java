package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * One relay socket of an allocation (one address family), as the client side sees it: where data
 * for the allocation's peers goes out. A Netty datagram channel ({@link NettyPeerSocket}) or a
 * native socket ({@link NativePeerSocket}). Used on the allocation's event loop only.
 */
interface PeerSocket {
    /**
     * Queues a copy of {@code length} bytes of {@code data} from {@code offset} for {@code peer}.
     * Borrows {@code data}. False when the datagram is dropped (congested or closed socket).
     */
    boolean send(ByteBuf data, int offset, int length, InetSocketAddress peer);

    /** Sends what {@link #send} queued in this read batch. */
    void flush();

    void close();
}
