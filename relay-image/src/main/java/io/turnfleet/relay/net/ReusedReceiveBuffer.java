package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Receive buffers for the Netty datagram channels ({@code --udp-io netty}): per event loop, one buffer
 * that is read into again and again.
 * Every datagram gets a whole 64 KiB slot, so none is ever truncated, yet no buffer is allocated and
 * freed per packet. This works because the relay copies what it forwards and is done with a datagram
 * before the next read on its loop; should anything still hold the buffer, a fresh one is allocated
 * for that read instead. A listener's buffer has room for a batch of datagrams, which the native
 * transport reads with one recvmmsg (see {@link #SLOT}).
 */
final class ReusedReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {
    /** Largest UDP payload, and the room each datagram gets. */
    static final int SLOT = 65_536;
    /** Datagrams a listener reads per system call. */
    static final int BATCH = 8;

    /** For relay sockets: one datagram per read (they rarely have more than one waiting). */
    static final ReusedReceiveBuffer SINGLE = new ReusedReceiveBuffer(SLOT);
    /** For listener sockets, which all clients of the loop share. */
    static final ReusedReceiveBuffer BATCHED = new ReusedReceiveBuffer(SLOT * BATCH);

    private final int size;
    private final FastThreadLocal<ByteBuf> loopBuffer;

    private ReusedReceiveBuffer(int size) {
        super(16);
        this.size = size;
        this.loopBuffer = new FastThreadLocal<>() {
            @Override
            protected ByteBuf initialValue() {
                return IoTransport.ALLOCATOR.directBuffer(size, size);
            }

            @Override
            protected void onRemoval(ByteBuf buffer) {
                buffer.release();
            }
        };
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                ByteBuf shared = loopBuffer.get();
                if (shared.refCnt() == 1) {
                    return shared.retain().clear();
                }
                return alloc.directBuffer(size, size);
            }

            @Override
            public int guess() {
                return size;
            }
        };
    }
}
