package io.turnfleet.relay.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.turnfleet.relay.admin.RelayStatus;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.config.ListenAddress;
import io.turnfleet.relay.config.RelayConfig;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.net.udp.UdpSocket;
import io.turnfleet.relay.net.udp.UdpSocketException;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's sockets and event loops: listeners bound per --listen (UDP: one socket per event loop
 * with SO_REUSEPORT where the transport allows), the status the admin endpoints report, and an
 * orderly stop.
 */
public final class RelayServer implements RelayStatus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final RelayContext relay;
    private final EventLoopGroup loops;
    private final LoopSweepers sweepers;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<ListenAddress> bound = new ArrayList<>();
    private final List<NativeUdpListener> nativeListeners = new ArrayList<>();
    private final List<UdpClients> udpClients = new ArrayList<>();
    private final StreamConnections streams;

    private RelayServer(RelayContext relay, RelayConfig config) {
        this.relay = relay;
        this.loops = new MultiThreadIoEventLoopGroup(config.threads(), relay.io().ioHandlerFactory());
        this.sweepers = new LoopSweepers(config.tcpIdleTimeout().compareTo(config.tlsHandshakeTimeout()) < 0
                ? config.tcpIdleTimeout() : config.tlsHandshakeTimeout());
        this.streams = new StreamConnections(config.maxUnauthenticatedConnectionsPerIp(),
                config.connectionRatePerIp() == 0 ? null
                        : new SourceRateLimit(config.connectionRatePerIp(), config.connectionBurstPerIp()),
                relay.metrics());
    }

    /**
     * Binds every listener of {@code config}; {@code tls} is needed when a tls:// listener is
     * configured. On failure closes what was bound and throws.
     */
    public static RelayServer start(RelayContext relay, RelayConfig config, TlsContext tls) throws IOException {
        RelayServer server = new RelayServer(relay, config);
        try {
            if (relay.io().supportsReusePort()) {
                // before any bind: the probe of [::]:3478 would otherwise meet our own 0.0.0.0:3478
                for (ListenAddress address : config.listen()) {
                    if (address.transport() == Transport.UDP) {
                        ensureNotShared(address.address());
                    }
                }
            }
            for (ListenAddress address : config.listen()) {
                if (address.transport() == Transport.UDP) {
                    server.bindUdp(address.address());
                } else {
                    server.bindStream(address, new StreamListenerInitializer(relay, address.transport(),
                            address.transport() == Transport.TLS ? tls : null, server.streams, server.sweepers,
                            config.tcpIdleTimeout(), config.tlsHandshakeTimeout()));
                }
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bindStream(ListenAddress address, StreamListenerInitializer initializer) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channelFactory(relay.io().serverSocket(address.address().getAddress() instanceof Inet4Address))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR)
                .childOption(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(initializer);
        try {
            Channel channel = bootstrap.bind(address.address()).sync().channel();
            listeners.add(channel);
            bound.add(new ListenAddress(address.transport(), (InetSocketAddress) channel.localAddress()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address, e);
        } catch (Exception e) {
            throw new IOException("--listen " + address + ": cannot bind (" + e.getMessage() + ")", e);
        }
        LOG.info("listening on " + address.transport().scheme() + " " + listeners.get(listeners.size() - 1)
                .localAddress());
    }

    private void bindUdp(InetSocketAddress address) throws IOException {
        boolean reusePort = relay.io().supportsReusePort();
        List<EventExecutor> targets = new ArrayList<>();
        if (reusePort) {
            loops.forEach(targets::add);
        } else {
            targets.add(loops.next());
        }
        if (relay.udpIo() == UdpIo.NATIVE) {
            bindNativeUdp(address, targets);
            return;
        }
        for (EventExecutor loop : targets) {
            UdpListenerHandler handler = new UdpListenerHandler(relay, sweepers);
            Bootstrap bootstrap = new Bootstrap()
                    .group((io.netty.channel.EventLoop) loop)
                    .channelFactory(relay.io().datagram(address.getAddress() instanceof Inet4Address))
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, ReusedReceiveBuffer.BATCHED)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(1024 * 1024, 4 * 1024 * 1024))
                    .handler(handler);
            if (reusePort) {
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            }
            if (relay.io() == IoTransport.EPOLL) {
                // recvmmsg: a batch of client datagrams per system call, each in a whole 64 KiB slot.
                bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, ReusedReceiveBuffer.SLOT);
            }
            Channel channel;
            try {
                channel = bootstrap.bind(address).sync().channel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while binding " + address, e);
            } catch (Exception e) {
                throw new IOException("--listen udp://" + address.getHostString() + ":" + address.getPort()
                        + ": cannot bind (" + e.getMessage() + ")", e);
            }
            listeners.add(channel);
            ListenAddress boundAddress = new ListenAddress(Transport.UDP, (InetSocketAddress) channel.localAddress());
            if (!bound.contains(boundAddress)) {
                bound.add(boundAddress);
            }
            synchronized (udpClients) {
                udpClients.add(handler.clients());
            }
        }
        LOG.info("listening on udp " + listeners.get(listeners.size() - 1).localAddress() + " with "
                + targets.size() + " socket(s), transport " + relay.io().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** One native socket per event loop (SO_REUSEPORT), registered with its loop without a Netty channel. */
    private void bindNativeUdp(InetSocketAddress address, List<EventExecutor> loops) throws IOException {
        InetSocketAddress local = null;
        for (EventExecutor loop : loops) {
            UdpSocket socket;
            try {
                socket = UdpSocket.open(address, SOCKET_BUFFER_BYTES, true);
            } catch (UdpSocketException e) {
                throw new IOException("--listen udp://" + NetUtil.toSocketAddressString(address) + ": cannot bind ("
                        + e.getMessage() + ")", e);
            }
            NativeUdpListener listener = new NativeUdpListener(relay, sweepers, socket, (IoEventLoop) loop);
            try {
                socket.register((IoEventLoop) loop, listener, IoTransport.ALLOCATOR).sync();
                loop.submit(listener::start).sync();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loop.execute(socket::close);
                throw new IOException("interrupted while binding " + address, e);
            } catch (RuntimeException e) {
                loop.execute(socket::close);
                throw new IOException("--listen udp://" + NetUtil.toSocketAddressString(address)
                        + ": cannot register with the event loop (" + e.getMessage() + ")", e);
            }
            nativeListeners.add(listener);
            local = socket.localAddress();
            ListenAddress boundAddress = new ListenAddress(Transport.UDP, local);
            if (!bound.contains(boundAddress)) {
                bound.add(boundAddress);
            }
            synchronized (udpClients) {
                udpClients.add(listener.clients());
            }
        }
        LOG.info("listening on udp " + local + " with " + loops.size() + " socket(s), transport "
                + relay.io().name().toLowerCase(java.util.Locale.ROOT) + ", native datagram path");
    }

    /**
     * SO_REUSEPORT would let this relay silently share a port with another process of the same user
     * (a second relay, a forgotten coturn), each getting part of the clients. A plain bind first
     * fails exactly when someone else holds the port.
     */
    private static void ensureNotShared(InetSocketAddress address) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.bind(address);
        } catch (BindException e) {
            String why = "Permission denied".equals(e.getMessage())
                    ? "permission denied (a port below 1024 needs CAP_NET_BIND_SERVICE)"
                    : "the port is in use by another process";
            throw new IOException("--listen udp://" + NetUtil.toSocketAddressString(address) + ": " + why, e);
        }
    }

    /** The bound listeners, one entry per --listen (UDP sockets sharing a port count once). */
    public List<ListenAddress> boundListeners() {
        return List.copyOf(bound);
    }

    /** The event loops that run every socket of this relay. */
    public EventLoopGroup loops() {
        return loops;
    }

    public RelayContext context() {
        return relay;
    }

    @Override
    public long allocations() {
        return relay.quota().total();
    }

    @Override
    public long permissions() {
        return sweepers.totals().permissions();
    }

    @Override
    public long channels() {
        return sweepers.totals().channels();
    }

    @Override
    public long capacity() {
        return relay.quota().capacity();
    }

    @Override
    public boolean draining() {
        return relay.drain().isDraining();
    }

    @Override
    public boolean ready() {
        return !relay.drain().isDraining() && relay.addresses().known()
                && !(listeners.isEmpty() && nativeListeners.isEmpty());
    }

    @Override
    public long connections(String transport) {
        if ("tcp".equals(transport)) {
            return streams.open(Transport.TCP);
        }
        if ("tls".equals(transport)) {
            return streams.open(Transport.TLS);
        }
        synchronized (udpClients) {
            return udpClients.stream().mapToLong(UdpClients::count).sum();
        }
    }

    /**
     * Waits until no allocation is left or the drain deadline passes. Call after
     * {@code relay.drain().start(...)}.
     */
    public void awaitDrained() throws InterruptedException {
        while (relay.quota().total() > 0 && System.nanoTime() - relay.drain().deadlineNanos() < 0) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Override
    public void close() {
        for (Channel channel : listeners) {
            channel.close().awaitUninterruptibly();
        }
        for (NativeUdpListener listener : nativeListeners) {
            // A loop already shut down (a second close) closed its sockets itself (IoHandle.close).
            if (!listener.eventLoop().isShuttingDown()) {
                listener.eventLoop().submit(listener::close).awaitUninterruptibly();
            }
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
