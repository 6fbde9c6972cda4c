package io.turnfleet.bench.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/** A {@link ClientLink} that keeps what would have been sent, in order. */
public final class RecordingLink implements ClientLink {
    public final List<ByteBuf> sent = new ArrayList<>();
    public final List<ByteBuf> queued = new ArrayList<>();
    public int flushes;

    @Override
    public ByteBufAllocator alloc() {
        return UnpooledByteBufAllocator.DEFAULT;
    }

    @Override
    public void send(ByteBuf datagram) {
        sent.add(datagram);
        flushes++;
    }

    @Override
    public void write(ByteBuf datagram) {
        queued.add(datagram);
    }

    @Override
    public void flush() {
        sent.addAll(queued);
        queued.clear();
        flushes++;
    }

    public ByteBuf last() {
        return sent.get(sent.size() - 1);
    }

    /** Removes and returns everything sent so far. */
    public List<ByteBuf> drain() {
        List<ByteBuf> copy = new ArrayList<>(sent);
        sent.clear();
        return copy;
    }
}
