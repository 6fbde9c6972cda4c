package io.turnfleet.bench.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.turnfleet.bench.turn.ClientAllocation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the generator's UDP sockets on one event loop: the echo peer, and one client socket per
 * allocation, connected to the server, bound in a local port range when one is given (the next
 * free port, so a range that overlaps other sockets still works).
 */
public final class DatagramSockets {
    private static final int PEER_BUFFER_BYTES = 4 << 20;
    private static final int CLIENT_BUFFER_BYTES = 256 << 10;
    /** Datagrams one recvmmsg call may return on the native transport. */
    private static final int PEER_DATAGRAMS_PER_READ = 32;
    private static final int CLIENT_DATAGRAMS_PER_READ = 8;
    private static final int MAX_DATAGRAM = 2048;

    private final DatagramTransport transport;
    private final EventLoop loop;
    private final InetSocketAddress server;
    private final InetAddress localIp;
    private final int localPortMax;
    private int nextLocalPort;

    /**
     * @param localIp      client sockets bind here; null = wildcard
     * @param localPortMin first local port, with {@code localPortMax} 0 = ephemeral ports
     */
    public DatagramSockets(DatagramTransport transport, EventLoop loop, InetSocketAddress server, InetAddress localIp,
                           int localPortMin, int localPortMax) {
        this.transport = transport;
        this.loop = loop;
        this.server = server;
        this.localIp = localIp;
        this.nextLocalPort = localPortMin;
        this.localPortMax = localPortMax;
    }

    public Channel bindPeer(InetSocketAddress bind, PeerGate gate) throws IOException {
        Bootstrap bootstrap = bootstrap(PEER_BUFFER_BYTES, PEER_DATAGRAMS_PER_READ, bind.getAddress())
                .handler(new EchoPeer(gate));
        ChannelFuture bound = bootstrap.bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot bind the echo peer to " + bind + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return bound.channel();
    }

    /** Opens and attaches one client socket per allocation; returns the channels, in order. */
    public List<Channel> openClients(List<ClientAllocation> allocations, ClientDatagrams datagrams)
            throws IOException {
        List<Channel> sockets = new ArrayList<>(allocations.size());
        for (ClientAllocation allocation : allocations) {
            ClientSocket socket;
            ChannelFuture connected;
            while (true) {
                // A failed channel keeps its handler: each attempt needs a fresh one.
                socket = new ClientSocket(allocation, datagrams);
                Bootstrap bootstrap = clientBootstrap().handler(socket);
                InetSocketAddress local = localPortMax > 0 || localIp != null
                        ? new InetSocketAddress(localIp, localPortMax > 0 ? nextLocalPort++ : 0) : null;
                connected = (local != null ? bootstrap.connect(server, local) : bootstrap.connect(server))
                        .awaitUninterruptibly();
                if (connected.isSuccess()) {
                    break;
                }
                if (localPortMax == 0 || nextLocalPort > localPortMax) {
                    throw new IOException("cannot open client socket " + (allocation.id() + 1) + " towards "
                            + server + ": " + connected.cause().getMessage(), connected.cause());
                }
            }
            allocation.attach(socket);
            sockets.add(connected.channel());
        }
        return sockets;
    }

    private Bootstrap clientBootstrap() {
        Bootstrap bootstrap = bootstrap(CLIENT_BUFFER_BYTES, CLIENT_DATAGRAMS_PER_READ, server.getAddress());
        if (transport.epoll()) {
            // One recvmmsg per readiness event and no trailing EAGAIN read: level-triggered
            // epoll reports the socket again if datagrams are left.
            bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_DATAGRAM * CLIENT_DATAGRAMS_PER_READ).maxMessagesPerRead(1));
        }
        return bootstrap;
    }

    private Bootstrap bootstrap(int bufferBytes, int datagramsPerRead, InetAddress family) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channelFactory(() -> transport.newChannel(family))
                .option(ChannelOption.SO_RCVBUF, bufferBytes)
                .option(ChannelOption.SO_SNDBUF, bufferBytes)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * datagramsPerRead));
        if (transport.epoll()) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
        }
        return bootstrap;
    }
}
