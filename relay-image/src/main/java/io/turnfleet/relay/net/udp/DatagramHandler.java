package io.turnfleet.relay.net.udp;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/** What a {@link UdpSocket} reports to its owner. Called on the socket's event loop. */
public interface DatagramHandler {
    /**
     * A datagram arrived. Borrows {@code datagram}: it is read into again after this returns.
     * {@code sender} is the loop's interned address object, the same one for every datagram of a sender.
     */
    void received(ByteBuf datagram, InetSocketAddress sender);

    /** The datagrams of one readiness event were handed over (as Netty's channelReadComplete). */
    default void readComplete() {
    }

    /** A datagram was lost on the way in: larger than its receive slot, or the receive call failed. */
    void receiveFailed();

    /** {@code count} datagrams queued on this socket could not be sent (socket buffer full, closed, refused). */
    void sendFailed(int count);
}
