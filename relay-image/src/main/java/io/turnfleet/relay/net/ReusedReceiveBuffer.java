package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Receive buffers for UDP sockets: one 64 KiB buffer per event loop, read into again and again.
 * A datagram is never truncated (a smaller buffer would cut large ones silently), yet no 64 KiB
 * buffer is allocated and freed per packet. This works because the relay copies what it forwards and
 * is done with a datagram before the next read on its loop; should anything still hold the buffer,
 * a fresh one is allocated for that read instead.
 */
final class ReusedReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {
    /** Largest UDP payload. */
    static final int SIZE = 65_536;

    private static final FastThreadLocal<ByteBuf> LOOP_BUFFER = new FastThreadLocal<>() {
        @Override
        protected ByteBuf initialValue() {
            return IoTransport.ALLOCATOR.directBuffer(SIZE, SIZE);
        }

        @Override
        protected void onRemoval(ByteBuf buffer) {
            buffer.release();
        }
    };

    static final ReusedReceiveBuffer INSTANCE = new ReusedReceiveBuffer();

    private ReusedReceiveBuffer() {
        super(16);
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                ByteBuf shared = LOOP_BUFFER.get();
                if (shared.refCnt() == 1) {
                    return shared.retain().clear();
                }
                return alloc.directBuffer(SIZE, SIZE);
            }

            @Override
            public int guess() {
                return SIZE;
            }
        };
    }
}
