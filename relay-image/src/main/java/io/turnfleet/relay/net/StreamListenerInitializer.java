package io.turnfleet.relay.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.turnfleet.relay.config.Transport;

import java.time.Duration;

/**
 * The pipeline of one TCP or TLS client connection: [TLS] -> framer -> connection handler, whose
 * event loop's sweep enforces the idle and handshake timeouts. Connections that
 * {@link StreamConnections} does not admit are closed at once.
 */
final class StreamListenerInitializer extends ChannelInitializer<SocketChannel> {
    private final RelayContext relay;
    private final Transport transport;
    private final TlsContext tls;
    private final StreamConnections connections;
    private final LoopSweepers sweepers;
    private final Duration idleTimeout;
    private final Duration handshakeTimeout;

    StreamListenerInitializer(RelayContext relay, Transport transport, TlsContext tls, StreamConnections connections,
                              LoopSweepers sweepers, Duration idleTimeout, Duration handshakeTimeout) {
        if (transport == Transport.TLS && tls == null) {
            throw new IllegalArgumentException("a tls:// listener needs --tls-cert and --tls-key");
        }
        this.relay = relay;
        this.transport = transport;
        this.tls = tls;
        this.connections = connections;
        this.sweepers = sweepers;
        this.idleTimeout = idleTimeout;
        this.handshakeTimeout = handshakeTimeout;
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
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
        }
        pipeline.addLast("framer", new StreamStunFramer());
        pipeline.addLast("turn", new TcpConnectionHandler(relay, transport, sweepers, admission, idleTimeout,
                handshakeTimeout));
    }
}
