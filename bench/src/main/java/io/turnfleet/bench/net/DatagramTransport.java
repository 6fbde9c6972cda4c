package io.turnfleet.bench.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The UDP transport the generator runs on: native epoll (recvmmsg/sendmmsg) where available, else NIO. */
public record DatagramTransport(String name, IoHandlerFactory ioHandlerFactory) {

    public static DatagramTransport best() {
        if (Epoll.isAvailable()) {
            return new DatagramTransport("epoll", EpollIoHandler.newFactory());
        }
        return new DatagramTransport("nio", NioIoHandler.newFactory());
    }

    public boolean epoll() {
        return "epoll".equals(name);
    }

    /**
     * A socket of the family of {@code address}: an IPv4 socket for IPv4 traffic rather than a
     * dual-stack IPv6 one, which costs the kernel a little more per datagram.
     */
    public DatagramChannel newChannel(InetAddress address) {
        SocketProtocolFamily family = address instanceof Inet4Address ? SocketProtocolFamily.INET
                : SocketProtocolFamily.INET6;
        return epoll() ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
    }
}
