package io.turnfleet.bench.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** The socket an allocation's datagrams leave by: the client side of its 5-tuple. */
public interface ClientLink {
    ByteBufAllocator alloc();

    /** Sends one datagram now; takes {@code datagram}. */
    void send(ByteBuf datagram);

    /** Queues one datagram until {@link #flush()}; takes {@code datagram}. */
    void write(ByteBuf datagram);

    void flush();
}
