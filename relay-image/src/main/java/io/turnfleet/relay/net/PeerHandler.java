package io.turnfleet.relay.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/** A relay socket that is a Netty datagram channel: hands each datagram to {@link PeerToClient}. */
final class PeerHandler extends ChannelInboundHandlerAdapter {
    private final PeerToClient peerToClient;

    PeerHandler(PeerToClient peerToClient) {
        this.peerToClient = peerToClient;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            peerToClient.received(packet.content(), packet.sender());
        } finally {
            packet.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error surfaces here as PortUnreachableException on some transports. The relay socket
        // serves other peers of the same allocation, so it stays open.
        peerToClient.receiveFailed();
    }
}
