package io.turnfleet.bench.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.turnfleet.bench.turn.ClientAllocation;
import io.turnfleet.bench.turn.ClientLink;

/**
 * The client end of one allocation's 5-tuple: a UDP socket connected to the TURN server. Hands
 * every datagram to {@link ClientDatagrams} and flushes queued sends once per read batch.
 */
public final class ClientSocket extends ChannelInboundHandlerAdapter implements ClientLink {
    private final ClientAllocation allocation;
    private final ClientDatagrams datagrams;
    private Channel channel;

    public ClientSocket(ClientAllocation allocation, ClientDatagrams datagrams) {
        this.allocation = allocation;
        this.datagrams = datagrams;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ByteBuf content = msg instanceof DatagramPacket packet ? packet.content() : (ByteBuf) msg;
            datagrams.onDatagram(allocation, content);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // One bad datagram or ICMP error must not close the allocation's socket.
        datagrams.onSocketError(allocation, cause);
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public void send(ByteBuf datagram) {
        channel.writeAndFlush(datagram, channel.voidPromise());
    }

    @Override
    public void write(ByteBuf datagram) {
        channel.write(datagram, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }
}
