package io.turnfleet.bench.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * The peer every allocation's channel is bound to: sends each admitted datagram back, unchanged,
 * to the relayed address it came from. The content buffer is handed straight to the write (no
 * copy); writes are flushed once per read batch so the native transport can use sendmmsg.
 */
public final class EchoPeer extends ChannelInboundHandlerAdapter {
    private final PeerGate gate;

    public EchoPeer(PeerGate gate) {
        this.gate = gate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet && gate.admit(packet.sender().getPort())) {
            ctx.write(new DatagramPacket(packet.content(), packet.sender()), ctx.voidPromise());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error for one relay port must not stop the peer: count it, keep the socket.
        gate.onSocketError(cause);
    }
}
