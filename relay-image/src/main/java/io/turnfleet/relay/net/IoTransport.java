package io.turnfleet.relay.net;

import io.netty.channel.ChannelFactory;
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
    };

    public abstract IoHandlerFactory ioHandlerFactory();

    public abstract ChannelFactory<? extends DatagramChannel> datagram(boolean ipv4);

    public abstract Class<? extends ServerSocketChannel> serverSocket();

    public abstract Class<? extends SocketChannel> socket();

    public abstract boolean supportsReusePort();

    /** The best transport available here; {@code preferNio} forces NIO (tests, odd platforms). */
    public static IoTransport select(boolean preferNio) {
        return !preferNio && Epoll.isAvailable() ? EPOLL : NIO;
    }
}
