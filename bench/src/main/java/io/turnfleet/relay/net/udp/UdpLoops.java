package io.turnfleet.relay.net.udp;

import io.netty.buffer.ByteBufAllocator;

/**
 * Native datagram state for benchmarks, which drive the relay path on their own thread instead of an
 * event loop: they hand datagrams to the handlers and flush the send batch themselves. Lives in the
 * relay's {@code udp} package (in the bench module) to reach its package-private constructors.
 */
public final class UdpLoops {
    private UdpLoops() {
    }

    /** Loop state with production sizes whose flush the caller runs ({@link UdpLoop#flush()}). */
    public static UdpLoop flushedByCaller(ByteBufAllocator allocator) {
        return new UdpLoop(task -> {
        }, allocator, UdpLoop.RECEIVE_BATCH, UdpLoop.SLOT, UdpLoop.SEND_BATCH, UdpLoop.SEND_BYTES);
    }

    /** Drives {@code socket} with {@code loop}'s batches, without epoll readiness. */
    public static void attach(UdpSocket socket, UdpLoop loop, DatagramHandler handler) {
        socket.attach(loop, handler);
    }
}
