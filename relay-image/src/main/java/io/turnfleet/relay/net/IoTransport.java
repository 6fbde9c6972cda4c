package io.turnfleet.relay.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
import io.netty.channel.unix.Socket;

import java.io.IOException;

import java.net.StandardSocketOptions;

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
                    : () -> new EpollDatagramChannel(InternetProtocolFamily.IPv6);
        }

        @Override
        public Class<? extends ServerSocketChannel> serverSocket() {
            return EpollServerSocketChannel.class;
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
        public Class<? extends ServerSocketChannel> serverSocket() {
            return NioServerSocketChannel.class;
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
     * Every relay channel allocates from Netty's pooled allocator (not 4.2's adaptive default): the
     * relayed payload is copied between buffers of one kind with a plain memory copy, no NIO views.
     */
    public static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    public abstract IoHandlerFactory ioHandlerFactory();

    public abstract ChannelFactory<? extends DatagramChannel> datagram(boolean ipv4);

    public abstract Class<? extends ServerSocketChannel> serverSocket();

    public abstract Class<? extends SocketChannel> socket();

    /** Whether UDP listener sockets can share a port, one per event loop. */
    public abstract boolean supportsReusePort();

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
