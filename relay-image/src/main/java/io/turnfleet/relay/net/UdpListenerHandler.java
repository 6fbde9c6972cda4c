package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;

/**
 * One UDP listener socket as a Netty datagram channel ({@code --udp-io netty}, or no epoll): one per
 * event loop with SO_REUSEPORT, holding the allocations of the clients the kernel steers to it. A bad
 * datagram is counted and dropped; the socket stays up.
 */
final class UdpListenerHandler extends ClientPathHandler implements UdpClientPath {
    private final UdpClients clients = new UdpClients();

    UdpListenerHandler(RelayContext relay, LoopSweepers sweepers) {
        super(relay, Transport.UDP, sweepers);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            dispatch(packet.content(), packet.sender());
        } finally {
            packet.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A shared listener socket must outlive any one client's error (ICMP unreachable and the like).
        relay.metrics().malformed("udp");
    }

    @Override
    protected Object addressed(ByteBuf data, InetSocketAddress client) {
        return new DatagramPacket(data, client);
    }

    @Override
    protected Iterable<RelaySocket> relaySockets() {
        return clients.snapshot();
    }

    @Override
    public UdpClients clients() {
        return clients;
    }
}
