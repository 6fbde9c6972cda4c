package io.turnfleet.relay.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.Socket;
import io.turnfleet.relay.net.udp.UdpSocket;

import java.io.IOException;

import java.net.StandardSocketOptions;
import java.nio.channels.spi.SelectorProvider;

/**
 * The Netty transport the relay runs on: native epoll where the platform has it (SO_REUSEPORT, one
 * UDP listener socket per event loop), NIO otherwise.
 */
public enum IoTransport {
    EPOLL {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        public ChannelFactory<? extends DatagramChannel> datagram(boolean ipv4) {
            return ipv4 ? () -> new EpollDatagramChannel(InternetProtocolFamily.IPv4)
                    : () -> onlyIpv6(new EpollDatagramChannel(InternetProtocolFamily.IPv6));
        }

        @Override
        public ChannelFactory<? extends ServerSocketChannel> serverSocket(boolean ipv4) {
            return ipv4 ? () -> new EpollServerSocketChannel(InternetProtocolFamily.IPv4)
                    : () -> onlyIpv6(new EpollServerSocketChannel(InternetProtocolFamily.IPv6));
        }

        @Override
        public Class<? extends SocketChannel> socket() {
            return EpollSocketChannel.class;
        }

        @Override
        public boolean supportsReusePort() {
            return true;
        }

        @Override
        public boolean supportsNativeUdp() {
            return UdpSocket.isAvailable();
        }

        @Override
        public ChannelOption<Boolean> reusePort() {
            return EpollChannelOption.SO_REUSEPORT;
        }

        @Override
        public ChannelFactory<? extends SocketChannel> reusePortSocket() {
            // EpollSocketChannelConfig has no SO_REUSEPORT option; the native socket does.
            return () -> {
                EpollSocketChannel channel = new EpollSocketChannel();
                try {
                    ((Socket) channel.fd()).setReusePort(true);
                } catch (IOException e) {
                    channel.unsafe().closeForcibly();
                    throw new ChannelException("cannot set SO_REUSEPORT", e);
                }
                return channel;
            };
        }
    },
    NIO {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        public ChannelFactory<? extends DatagramChannel> datagram(boolean ipv4) {
            return ipv4 ? () -> new NioDatagramChannel(InternetProtocolFamily.IPv4)
                    : () -> new NioDatagramChannel(InternetProtocolFamily.IPv6);
        }

        @Override
        public ChannelFactory<? extends ServerSocketChannel> serverSocket(boolean ipv4) {
            // NIO offers no IPV6_V6ONLY: an IPv6 wildcard socket here takes IPv4 as well.
            return ipv4 ? () -> new NioServerSocketChannel(SelectorProvider.provider(), InternetProtocolFamily.IPv4)
                    : () -> new NioServerSocketChannel(SelectorProvider.provider(), InternetProtocolFamily.IPv6);
        }

        @Override
        public Class<? extends SocketChannel> socket() {
            return NioSocketChannel.class;
        }

        @Override
        public boolean supportsReusePort() {
            return false;
        }

        @Override
        public boolean supportsNativeUdp() {
            return false;
        }

        @Override
        public ChannelOption<Boolean> reusePort() {
            return NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
        }

        @Override
        public ChannelFactory<? extends SocketChannel> reusePortSocket() {
            return () -> {
                NioSocketChannel channel = new NioSocketChannel();
                channel.config().setOption(reusePort(), true);
                return channel;
            };
        }
    };

    /**
     * IPV6_V6ONLY (Linux: level IPPROTO_IPV6 41, option 26). Netty opens IPv6 sockets dual-stack; a
     * relay serves each family on sockets of its own, so that {@code udp://0.0.0.0:3478} and
     * {@code udp://[::]:3478} (or an IPv4 and an IPv6 relayed address) can share a port, and an IPv4
     * packet never reaches an IPv6 socket as an IPv4-mapped address.
     */
    private static final IntegerUnixChannelOption IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);

    private static <C extends Channel> C onlyIpv6(C channel) {
        if (!channel.config().setOption(IPV6_V6ONLY, 1)) {
            channel.unsafe().closeForcibly();
            throw new ChannelException("cannot set IPV6_V6ONLY");
        }
        return channel;
    }

    /**
     * Every relay channel allocates from Netty's pooled allocator (not 4.2's adaptive default): the
     * relayed payload is copied between buffers of one kind with a plain memory copy, no NIO views.
     */
    public static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    public abstract IoHandlerFactory ioHandlerFactory();

    public abstract ChannelFactory<? extends DatagramChannel> datagram(boolean ipv4);

    public abstract ChannelFactory<? extends ServerSocketChannel> serverSocket(boolean ipv4);

    public abstract Class<? extends SocketChannel> socket();

    /** Whether UDP listener sockets can share a port, one per event loop. */
    public abstract boolean supportsReusePort();

    /** Whether UDP sockets can run on this transport's loops without Netty channels ({@code --udp-io native}). */
    public abstract boolean supportsNativeUdp();

    /**
     * SO_REUSEPORT for TCP relayed addresses: the listening socket and the sockets of outgoing
     * Connects share the relayed port (RFC 6062 §5.2).
     */
    public abstract ChannelOption<Boolean> reusePort();

    /** A TCP socket with SO_REUSEPORT set before it binds: the outgoing side of a Connect. */
    public abstract ChannelFactory<? extends SocketChannel> reusePortSocket();

    /** The best transport available here; {@code preferNio} forces NIO (tests, odd platforms). */
    public static IoTransport select(boolean preferNio) {
        return !preferNio && Epoll.isAvailable() ? EPOLL : NIO;
    }
}
