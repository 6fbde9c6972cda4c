package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.StunMessage;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One TCP or TLS connection from a client (RFC 8656 §3.1): its STUN messages and ChannelData, framed
 * by {@link StreamStunFramer}, and at most one allocation, which ends when the connection closes. A
 * connection that sends nothing and holds no allocation is closed when idle.
 */
final class TcpConnectionHandler extends ChannelInboundHandlerAdapter implements ClientPath {
    private final RelayContext relay;
    private final Transport transport;
    private final LoopTotals totals;
    private ChannelHandlerContext ctx;
    private TurnRequestHandler requests;
    private RelaySocket socket;
    private ScheduledFuture<?> sweeper;
    private boolean wroteToClient;

    TcpConnectionHandler(RelayContext relay, Transport transport, LoopTotals totals) {
        this.relay = relay;
        this.transport = transport;
        this.totals = totals;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.requests = new TurnRequestHandler(relay, this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sweeper = ctx.executor().scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (socket != null) {
            requests.endAllocation(socket);
        }
        totals.update(this, 0, 0);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            int first = frame.getUnsignedByte(frame.readerIndex());
            if (ChannelData.looksLikeChannelData(first)) {
                requests.onChannelData(frame, remote());
            } else if (StunMessage.looksLikeStun(first)) {
                requests.onStunMessage(frame, remote());
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        requests.flushRelaySockets();
        flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && socket == null) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A framing error, TLS failure or reset: this stream can't go on, the others are untouched.
        if (cause instanceof DecoderException) {
            relay.metrics().malformed(transport.scheme());
        }
        ctx.close();
    }

    Channel channel() {
        return ctx.channel();
    }

    /**
     * Turns this connection into an RFC 6062 data connection: no more STUN framing, timers or
     * requests; the pipe handler already added behind this one takes every byte, including any the
     * framer still holds.
     */
    void becomeDataConnection() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        totals.update(this, 0, 0);
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove("idle");
        pipeline.remove(this);
        pipeline.remove("framer");
    }

    private void sweep() {
        SweepTotals sweepTotals = new SweepTotals();
        requests.sweep(socket == null ? List.of() : List.of(socket), System.nanoTime(), sweepTotals);
        totals.update(this, sweepTotals.permissions, sweepTotals.channels);
    }

    private InetSocketAddress remote() {
        return (InetSocketAddress) ctx.channel().remoteAddress();
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
    public boolean isStream() {
        return true;
    }

    @Override
    public void send(InetSocketAddress client, ByteBuf message) {
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    @Override
    public boolean relay(InetSocketAddress client, ByteBuf message) {
        if (!ctx.channel().isWritable()) {
            // Datagrams from peers can't be pushed back on: past the high-water mark they are dropped.
            message.release();
            return false;
        }
        ctx.write(message, ctx.voidPromise());
        wroteToClient = true;
        return true;
    }

    @Override
    public void flush() {
        if (wroteToClient) {
            wroteToClient = false;
            ctx.flush();
        }
    }

    @Override
    public RelaySocket find(InetSocketAddress client) {
        return socket;
    }

    @Override
    public void add(RelaySocket socket) {
        this.socket = socket;
    }

    @Override
    public void remove(RelaySocket socket) {
        if (this.socket == socket) {
            this.socket = null;
        }
    }
}
