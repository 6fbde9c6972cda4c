package io.turnfleet.relay.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.DropReason;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.log.LoggedAddress;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunWriter;
import io.turnfleet.relay.turn.Allocation;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP side of a TCP allocation (RFC 6062): a listening socket on the relayed address that peers
 * connect to, outgoing connections made by Connect from the same address, and the peer connections
 * of both kinds. Lives on the event loop of the client's control connection.
 */
final class TcpAllocation {
    private static final Logger LOG = LoggerFactory.getLogger(TcpAllocation.class);
    /** RFC 6062 §5.2 and §5.3: a peer connection waits at most 30 s for its ConnectionBind. */
    static final long BIND_TIMEOUT_SECONDS = 30;
    static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    static final int MAX_CONNECTIONS = 256;
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final RelayContext relay;
    private final RelaySocket socket;
    private final PeerConnections pending;
    private final Set<PeerConnection> connections = new HashSet<>();
    private final Set<InetSocketAddress> connecting = new HashSet<>();
    private Channel listener;
    private InetSocketAddress relayedBind;

    TcpAllocation(RelayContext relay, RelaySocket socket, PeerConnections pending) {
        this.relay = relay;
        this.socket = socket;
        this.pending = pending;
    }

    /** The user the allocation belongs to: only they may bind its connections. */
    String owner() {
        Allocation allocation = socket.allocation();
        return allocation == null ? "" : allocation.username();
    }

    void listening(Channel listener, InetSocketAddress relayedBind) {
        this.listener = listener;
        this.relayedBind = relayedBind;
    }

    /** Whether a Connect to this peer would duplicate a pending or active connection (446). */
    boolean hasConnectionTo(InetSocketAddress peer) {
        if (connecting.contains(peer)) {
            return true;
        }
        for (PeerConnection connection : connections) {
            if (connection.peerAddress().equals(peer)) {
                return true;
            }
        }
        return false;
    }

    boolean isFull() {
        return connections.size() + connecting.size() >= MAX_CONNECTIONS;
    }

    /**
     * Connects from the relayed address to {@code peer} (RFC 6062 §5.2); {@code done} gets the new
     * pending connection, or null when the attempt failed or timed out.
     */
    void connect(InetSocketAddress peer, Consumer<PeerConnection> done) {
        connecting.add(peer);
        ChannelFuture future = new Bootstrap()
                .group(socket.clientPath().eventLoop())
                .channelFactory(relay.io().reusePortSocket())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new UnboundPeer())
                .localAddress(relayedBind)
                .connect(peer);
        future.addListener(f -> {
            connecting.remove(peer);
            if (!f.isSuccess() || socket.isClosed()) {
                if (f.cause() != null) {
                    LOG.debug("Connect from {} to {} failed: {}", relayedBind, LoggedAddress.of(peer), f.cause().toString());
                }
                future.channel().close();
                done.accept(null);
                return;
            }
            done.accept(register(future.channel(), peer));
        });
    }

    /** A peer connected to the relayed address (RFC 6062 §5.3). */
    void accepted(SocketChannel peerChannel) {
        Allocation allocation = socket.allocation();
        InetSocketAddress peer = peerChannel.remoteAddress();
        if (allocation == null || socket.isClosed() || isFull()
                || allocation.permissionFor(peer.getAddress(), System.nanoTime()) == null) {
            peerChannel.close();
            return;
        }
        if (!relay.ownAddresses().current().permits(peer.getAddress(), peer.getPort())) {
            relay.metrics().dropped(DropReason.OWN_ADDRESS);
            peerChannel.close();
            return;
        }
        PeerConnection connection = register(peerChannel, peer);
        sendConnectionAttempt(connection);
    }

    private PeerConnection register(Channel peerChannel, InetSocketAddress peer) {
        PeerConnection connection = new PeerConnection(pending.newId(), peerChannel, peer, this);
        connections.add(connection);
        pending.add(connection);
        connection.awaitBind(peerChannel.eventLoop().schedule(() -> {
            if (!connection.isBound()) {
                pending.remove(connection);
                peerChannel.close();
            }
        }, BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        peerChannel.closeFuture().addListener((ChannelFutureListener) f -> {
            pending.remove(connection);
            connections.remove(connection);
        });
        return connection;
    }

    /** ConnectionAttempt indication on the control connection: XOR-PEER-ADDRESS and CONNECTION-ID. */
    private void sendConnectionAttempt(PeerConnection connection) {
        ClientPath path = socket.clientPath();
        ByteBuf out = path.alloc().directBuffer(64);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StunWriter.start(out, Method.CONNECTION_ATTEMPT, MessageClass.INDICATION, random.nextLong(), random.nextInt())
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, connection.peerAddress())
                .unsignedInt(AttributeType.CONNECTION_ID, connection.id() & 0xFFFFFFFFL);
        path.send(socket.client(), out);
    }

    /**
     * Joins a bound peer connection and the client's data connection into a two-way pipe and starts
     * reading both (RFC 6062 §5.4). Runs on the data connection's loop; the peer connection may live
     * on another one, and its pipeline and auto-read are changed there.
     */
    static void pipe(PeerConnection connection, Channel clientData) {
        RelayMetrics metrics = connection.allocation().relay.metrics();
        Channel peer = connection.peer();
        clientData.pipeline().addLast("pipe", new TcpPipe(peer, Direction.CLIENT_TO_PEER, metrics));
        clientData.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
        clientData.config().setAutoRead(true);
        peer.eventLoop().execute(() -> {
            if (!peer.isActive()) {
                // Closed before the pipe existed: nothing will tell the data connection.
                clientData.close();
                return;
            }
            peer.pipeline().replace(UnboundPeer.class, "pipe",
                    new TcpPipe(clientData, Direction.PEER_TO_CLIENT, metrics));
            peer.config().setAutoRead(true);
        });
    }

    void close() {
        if (listener != null) {
            listener.close();
        }
        for (PeerConnection connection : new ArrayList<>(connections)) {
            pending.remove(connection);
            connection.close();
        }
        connections.clear();
    }

    List<PeerConnection> connections() {
        return List.copyOf(connections);
    }

    /** Until its ConnectionBind, a peer connection is not read; it only notices being closed. */
    static final class UnboundPeer extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
