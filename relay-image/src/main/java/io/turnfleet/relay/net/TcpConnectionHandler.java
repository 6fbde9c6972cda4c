package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * One TCP or TLS connection from a client (RFC 8656 §3.1): its STUN messages and ChannelData, framed
 * by {@link StreamStunFramer}, and at most one allocation, which ends when the connection closes. Its
 * event loop's sweep closes it when it holds no allocation and has sent nothing for the idle timeout,
 * and when its TLS handshake is not done within the handshake timeout.
 */
final class TcpConnectionHandler extends ClientPathHandler {
    private final StreamConnections.OpenConnection admission;
    private final long idleNanos;
    private final long handshakeNanos;
    private RelaySocket socket;
    private SslHandler handshake;
    private long openedAt;
    private long lastHeard;
    /** A frame arrived since the last sweep; the sweep turns it into {@link #lastHeard}. */
    private boolean heard;

    TcpConnectionHandler(RelayContext relay, Transport transport, LoopSweepers sweepers,
                         StreamConnections.OpenConnection admission, Duration idleTimeout, Duration handshakeTimeout) {
        super(relay, transport, sweepers);
        this.admission = admission;
        this.idleNanos = idleTimeout.toNanos();
        this.handshakeNanos = handshakeTimeout.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        openedAt = ctx.executor().ticker().nanoTime();
        lastHeard = openedAt;
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        handshake = tls == null || tls.handshakeFuture().isDone() ? null : tls;
        super.channelActive(ctx);
    }

    @Override
    public void sweep(long tickerNanos, SweepTotals totals) {
        if (heard) {
            heard = false;
            lastHeard = tickerNanos;
        }
        if (handshake != null) {
            if (handshake.handshakeFuture().isDone()) {
                handshake = null;
            } else if (tickerNanos - openedAt >= handshakeNanos) {
                ctx.close();
                return;
            }
        }
        if (socket == null && tickerNanos - lastHeard >= idleNanos) {
            ctx.close();
            return;
        }
        super.sweep(tickerNanos, totals);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        heard = true;
        ByteBuf frame = (ByteBuf) msg;
        try {
            dispatch(frame, remote());
        } finally {
            frame.release();
        }
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
