package io.turnfleet.relay.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP server ({@code --admin-listen}): health, readiness, metrics and load. It runs on one
 * thread of its own, apart from the relay event loops, which also samples the {@link LoadMeter}.
 */
public final class AdminServer implements AutoCloseable {

    private static final long SHUTDOWN_QUIET_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final InetSocketAddress listen;
    private final AdminRequestHandler endpoints;
    private final LoadMeter loadMeter;
    private EventLoopGroup group;
    private Channel serverChannel;
    private ScheduledFuture<?> sampling;

    public AdminServer(InetSocketAddress listen, RelayStatus status, RelayMetrics metrics, LoadMeter loadMeter) {
        this.listen = listen;
        this.endpoints = new AdminRequestHandler(status, metrics, loadMeter);
        this.loadMeter = loadMeter;
    }

    /**
     * Binds the listen address and starts sampling the load.
     *
     * @return the bound address (the real port when asked for port 0)
     * @throws IOException when the address cannot be bound, naming the address and the reason
     * @throws IllegalStateException when already started
     */
    public synchronized InetSocketAddress start() throws IOException {
        if (group != null) {
            throw new IllegalStateException("admin HTTP server already started on " + serverChannel.localAddress());
        }
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("turnfleet-admin", true),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new AdminHttpInitializer(endpoints));
        try {
            serverChannel = bootstrap.bind(listen).syncUninterruptibly().channel();
        } catch (Exception e) {
            group.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            group = null;
            throw new IOException("admin HTTP cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        long period = LoadMeter.SAMPLE_INTERVAL.toNanos();
        sampling = serverChannel.eventLoop().scheduleAtFixedRate(loadMeter::sample, period, period, TimeUnit.NANOSECONDS);
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting, closes open connections and waits (at most a few seconds) for the thread to end. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        sampling.cancel(false);
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
        group = null;
    }
}
