package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;

/**
 * The Netty glue of a client path that is a channel (a UDP listener socket of {@code --udp-io netty}
 * or a TCP/TLS connection): the channel's events handed to its {@link ClientDispatch}, a place in
 * the event loop's sweep ({@link LoopSweepers}) and batched writes of relayed data. Subclasses say
 * how a message is addressed to a client and which allocations they hold.
 *
 * <p>Relayed data from all of an event loop's relay sockets is flushed once, after the loop has
 * handled every socket that was ready: a UDP listener then sends the whole batch with one sendmmsg
 * instead of one sendmsg per packet.
 */
abstract class ClientPathHandler extends ChannelInboundHandlerAdapter
        implements ClientPath, LoopSweepers.Swept {
    protected final RelayContext relay;
    private final Transport transport;
    private final LoopSweepers sweepers;
    protected ChannelHandlerContext ctx;
    private ClientDispatch dispatch;
    private boolean flushScheduled;
    private final Runnable flushBatch = () -> {
        flushScheduled = false;
        ctx.flush();
    };

    ClientPathHandler(RelayContext relay, Transport transport, LoopSweepers sweepers) {
        this.relay = relay;
        this.transport = transport;
        this.sweepers = sweepers;
    }

    /** The message that carries {@code data} to {@code client} on this channel. */
    protected abstract Object addressed(ByteBuf data, InetSocketAddress client);

    /** The allocations this path holds, for the sweep. */
    protected abstract Iterable<RelaySocket> relaySockets();

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.dispatch = new ClientDispatch(relay, this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sweepers.join(ctx.channel().eventLoop(), this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopSweeping();
        dispatch.endAll(relaySockets());
        ctx.fireChannelInactive();
    }

    protected void stopSweeping() {
        sweepers.leave(ctx.channel().eventLoop(), this);
    }

    /** Hands one framed message from {@code client} to the request handler. Borrows {@code message}. */
    protected void dispatch(ByteBuf message, InetSocketAddress client) {
        dispatch.dispatch(message, client);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        dispatch.readComplete();
    }

    @Override
    public void sweep(long tickerNanos, SweepTotals totals) {
        dispatch.sweep(relaySockets(), totals);
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) ctx.channel().localAddress();
    }

    @Override
    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    @Override
    public ByteBuf relayBuffer(int maxLength) {
        return ctx.alloc().directBuffer(maxLength);
    }

    @Override
    public void send(InetSocketAddress client, ByteBuf message) {
        ctx.writeAndFlush(addressed(message, client), ctx.voidPromise());
    }

    @Override
    public boolean relay(InetSocketAddress client, ByteBuf message) {
        if (!ctx.channel().isWritable()) {
            // Datagrams from peers can't be pushed back on: past the high-water mark they are dropped.
            message.release();
            return false;
        }
        ctx.write(addressed(message, client), ctx.voidPromise());
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(flushBatch);
        }
        return true;
    }
}
