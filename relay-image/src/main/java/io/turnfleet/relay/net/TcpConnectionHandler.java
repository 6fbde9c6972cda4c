package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One TCP or TLS connection from a client (RFC 8656 §3.1): its STUN messages and ChannelData, framed
 * by {@link StreamStunFramer}, and at most one allocation, which ends when the connection closes. A
 * connection that sends nothing and holds no allocation is closed when idle.
 */
final class TcpConnectionHandler extends ClientPathHandler {
    private final StreamConnections.OpenConnection admission;
    private RelaySocket socket;

    TcpConnectionHandler(RelayContext relay, Transport transport, LoopTotals totals,
                         StreamConnections.OpenConnection admission) {
        super(relay, transport, totals);
        this.admission = admission;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            dispatch(frame, remote());
        } finally {
            frame.release();
        }
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
            relay.metrics().malformed(transport().scheme());
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
        stopSweeping();
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove("idle");
        pipeline.remove(this);
        pipeline.remove("framer");
    }

    private InetSocketAddress remote() {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }

    @Override
    protected Object addressed(ByteBuf data, InetSocketAddress client) {
        return data;
    }

    @Override
    protected Iterable<RelaySocket> relaySockets() {
        return socket == null ? List.of() : List.of(socket);
    }

    @Override
    public boolean isStream() {
        return true;
    }

    @Override
    public void authenticated() {
        admission.authenticated();
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
