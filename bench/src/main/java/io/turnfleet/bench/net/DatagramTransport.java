package io.turnfleet.bench.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/** The UDP transport the generator runs on: native epoll (recvmmsg/sendmmsg) where available, else NIO. */
public record DatagramTransport(String name, IoHandlerFactory ioHandlerFactory,
                                Class<? extends DatagramChannel> channelClass) {

    public static DatagramTransport best() {
        if (Epoll.isAvailable()) {
            return new DatagramTransport("epoll", EpollIoHandler.newFactory(), EpollDatagramChannel.class);
        }
        return new DatagramTransport("nio", NioIoHandler.newFactory(), NioDatagramChannel.class);
    }

    public boolean epoll() {
        return "epoll".equals(name);
    }
}
