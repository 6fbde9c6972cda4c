package io.turnfleet.relay.net.udp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.concurrent.Executor;

/**
 * The native memory every UDP socket of one event loop shares: one receive batch (sockets are read
 * one after another), one send batch flushed once per loop turn, after every ready socket was
 * handled, and the table of sender addresses. Lives as long as the loop's thread.
 */
public final class UdpLoop implements AutoCloseable {
    /** Datagrams read per recvmmsg. */
    static final int RECEIVE_BATCH = 16;
    /** Largest UDP payload (65,507 bytes over IPv4, 65,527 over IPv6) fits: nothing is ever cut. */
    static final int SLOT = 65_536;
    static final int SEND_BATCH = 256;
    static final int SEND_BYTES = 512 * 1024;
    static final int SENDERS = 4096;

    private static final FastThreadLocal<UdpLoop> LOOPS = new FastThreadLocal<>() {
        @Override
        protected void onRemoval(UdpLoop loop) {
            loop.close();
        }
    };

    private final Executor executor;
    private final SocketAddresses addresses;
    private final ReceiveBatch receive;
    private final SendBatch send;
    private final Runnable flushTask = this::flush;
    private boolean flushScheduled;

    /** {@code executor} runs the flush after the loop turn: the event loop, or a benchmark that flushes itself. */
    UdpLoop(Executor executor, ByteBufAllocator allocator, int receiveBatch, int slot, int sendBatch,
            int sendBytes) {
        this.executor = executor;
        this.addresses = new SocketAddresses(SENDERS);
        this.receive = new ReceiveBatch(receiveBatch, slot, allocator);
        this.send = new SendBatch(sendBatch, sendBytes, addresses);
    }

    /** The loop state of {@code executor}; call on its thread. */
    public static UdpLoop of(Executor executor, ByteBufAllocator allocator) {
        UdpLoop loop = LOOPS.getIfExists();
        if (loop == null) {
            loop = new UdpLoop(executor, allocator, RECEIVE_BATCH, SLOT, SEND_BATCH, SEND_BYTES);
            LOOPS.set(loop);
        }
        return loop;
    }

    /** Makes {@code loop} the state of the calling loop thread: tests use small slots and batches. */
    static void install(UdpLoop loop) {
        LOOPS.set(loop);
    }

    ReceiveBatch receiveBatch() {
        return receive;
    }

    SocketAddresses addresses() {
        return addresses;
    }

    SendBatch sendBatch() {
        scheduleFlush();
        return send;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            executor.execute(flushTask);
        }
    }

    /** Sends what this loop turn queued. Runs as a task after the turn's I/O; tests and benchmarks call it directly. */
    public void flush() {
        flushScheduled = false;
        send.flush();
    }

    @Override
    public void close() {
        receive.close();
        send.close();
    }
}
