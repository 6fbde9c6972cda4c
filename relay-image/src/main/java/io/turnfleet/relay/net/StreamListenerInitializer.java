package io.turnfleet.relay.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.turnfleet.relay.config.Transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one TCP or TLS client connection: [TLS] -> idle timer -> framer -> connection
 * handler. Connections that {@link StreamConnections} does not admit are closed at once.
 */
final class StreamListenerInitializer extends ChannelInitializer<SocketChannel> {
    private final RelayContext relay;
    private final Transport transport;
    private final TlsContext tls;
    private final StreamConnections connections;
    private final LoopTotals totals;
    private final long idleMillis;
    private final long handshakeMillis;

    StreamListenerInitializer(RelayContext relay, Transport transport, TlsContext tls, StreamConnections connections,
                              LoopTotals totals, Duration idleTimeout, Duration handshakeTimeout) {
        if (transport == Transport.TLS && tls == null) {
            throw new IllegalArgumentException("a tls:// listener needs --tls-cert and --tls-key");
        }
        this.relay = relay;
        this.transport = transport;
        this.tls = tls;
        this.connections = connections;
        this.totals = totals;
        this.idleMillis = idleTimeout.toMillis();
        this.handshakeMillis = handshakeTimeout.toMillis();
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        StreamConnections.OpenConnection admission = connections.open(transport, channel.remoteAddress());
        if (admission == null) {
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> admission.closed());
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc(), handshakeMillis));
        }
        pipeline.addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
        pipeline.addLast("framer", new StreamStunFramer());
        pipeline.addLast("turn", new TcpConnectionHandler(relay, transport, totals, admission));
    }
}
