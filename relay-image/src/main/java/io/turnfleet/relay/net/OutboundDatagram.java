package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.util.Recycler;

import java.net.InetSocketAddress;

/**
 * A datagram the relay sends: its payload and where it goes. Netty's UDP channels take it like a
 * {@code DatagramPacket}; unlike one, it goes back to a per-thread pool once the channel has written
 * it and released the payload, so the per-packet path allocates no envelope.
 *
 * <p>Owned by whoever holds the payload's reference: after the release that frees the payload, the
 * envelope belongs to the pool and must not be touched.
 */
final class OutboundDatagram implements AddressedEnvelope<ByteBuf, InetSocketAddress> {
    private static final Recycler<OutboundDatagram> POOL = new Recycler<>() {
        @Override
        protected OutboundDatagram newObject(Handle<OutboundDatagram> handle) {
            return new OutboundDatagram(handle);
        }
    };

    private final Recycler.Handle<OutboundDatagram> handle;
    private ByteBuf content;
    private InetSocketAddress recipient;

    private OutboundDatagram(Recycler.Handle<OutboundDatagram> handle) {
        this.handle = handle;
    }

    /** {@code content} to {@code recipient}; the envelope takes over the caller's reference. */
    static OutboundDatagram of(ByteBuf content, InetSocketAddress recipient) {
        OutboundDatagram datagram = POOL.get();
        datagram.content = content;
        datagram.recipient = recipient;
        return datagram;
    }

    @Override
    public ByteBuf content() {
        return content;
    }

    @Override
    public InetSocketAddress sender() {
        return null;
    }

    @Override
    public InetSocketAddress recipient() {
        return recipient;
    }

    @Override
    public int refCnt() {
        return content.refCnt();
    }

    @Override
    public OutboundDatagram retain() {
        content.retain();
        return this;
    }

    @Override
    public OutboundDatagram retain(int increment) {
        content.retain(increment);
        return this;
    }

    @Override
    public OutboundDatagram touch() {
        content.touch();
        return this;
    }

    @Override
    public OutboundDatagram touch(Object hint) {
        content.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return recycleIf(content.release());
    }

    @Override
    public boolean release(int decrement) {
        return recycleIf(content.release(decrement));
    }

    private boolean recycleIf(boolean freed) {
        if (freed) {
            content = null;
            recipient = null;
            handle.recycle(this);
        }
        return freed;
    }

    @Override
    public String toString() {
        return "OutboundDatagram(=> " + recipient + ", " + (content == null ? "released" : content) + ")";
    }
}
