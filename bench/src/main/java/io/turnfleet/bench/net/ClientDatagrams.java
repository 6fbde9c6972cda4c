package io.turnfleet.bench.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.bench.turn.ClientAllocation;

/** Where datagrams arriving on an allocation's client socket go. */
public interface ClientDatagrams {
    /** Borrows {@code datagram}. */
    void onDatagram(ClientAllocation allocation, ByteBuf datagram);

    /** An ICMP error or similar surfaced on the socket. */
    void onSocketError(ClientAllocation allocation, Throwable cause);
}
