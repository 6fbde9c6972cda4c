package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.RelayMetrics;

/**
 * One direction of a TCP relay (RFC 6062 §5.5): bytes read here are written to the partner channel.
 * Back-pressure instead of queues: when the partner can't take more, this side stops reading until
 * it can, so a slow receiver slows the sender through TCP flow control. Either side closing closes
 * the other once written data is flushed.
 */
final class TcpPipe extends ChannelInboundHandlerAdapter {
    private final Channel partner;
    private final Direction direction;
    private final RelayMetrics metrics;

    TcpPipe(Channel partner, Direction direction, RelayMetrics metrics) {
        this.partner = partner;
        this.direction = direction;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        metrics.relayed(direction, data.readableBytes());
        partner.write(data, partner.voidPromise());
        if (!partner.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        partner.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side drained below its low-water mark: let the partner read again.
        partner.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (partner.isActive()) {
            partner.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
