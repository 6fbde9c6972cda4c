package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * One UDP listener socket (one per event loop with SO_REUSEPORT), holding the allocations of the
 * clients the kernel steers to it. A bad datagram is counted and dropped; the socket stays up.
 */
final class UdpListenerHandler extends ClientPathHandler {
    private final Map<InetSocketAddress, RelaySocket> sockets = new HashMap<>();
    /** Clients with an allocation on this socket; read from other threads for /load. */
    private volatile int clients;

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
        return new ArrayList<>(sockets.values());
    }

    int clientCount() {
        return clients;
    }

    @Override
    public boolean isStream() {
        return false;
    }

    @Override
    public RelaySocket find(InetSocketAddress client) {
        return sockets.get(client);
    }

    @Override
    public void add(RelaySocket socket) {
        sockets.put(socket.client(), socket);
        clients = sockets.size();
    }

    @Override
    public void remove(RelaySocket socket) {
        sockets.remove(socket.client(), socket);
        clients = sockets.size();
    }
}
