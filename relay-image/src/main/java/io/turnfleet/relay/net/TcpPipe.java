package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.RelayMetrics;

/**
 * One direction of a TCP relay (RFC 6062 §5.5): bytes read here are written to the partner channel.
 * Back-pressure instead of queues: when the partner can't take more, this side stops reading until
 * it can, so a slow receiver slows the sender through TCP flow control. Either side closing closes
 * the other once written data is flushed.
 *
 * <p>The two channels may live on different event loops. Auto-read of a channel is only changed on
 * its own loop: it pauses itself after a write leaves the partner unwritable, and the partner's
 * return to writable sends a resume to it. Both re-check the partner's writability on the reader's
 * loop, so a partner that drains between the check and the pause can't leave the reader paused.
 */
final class TcpPipe extends ChannelInboundHandlerAdapter {
    private final Channel partner;
    private final Direction direction;
    private final RelayMetrics metrics;
    /** Runs on the partner's loop: lets it read again if this side can still take its bytes. */
    private final Runnable resumePartner = this::resumePartner;
    private Channel self;

    TcpPipe(Channel partner, Direction direction, RelayMetrics metrics) {
        this.partner = partner;
        this.direction = direction;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        self = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        metrics.relayed(direction, data.readableBytes());
        partner.write(data, partner.voidPromise());
        if (!partner.isWritable()) {
            self.config().setAutoRead(false);
            if (partner.isWritable()) {
                // The partner drained after the check; its writability event may already be gone.
                self.config().setAutoRead(true);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        partner.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side drained below its low-water mark: let the partner, which writes here, read again.
        if (self.isWritable()) {
            EventLoop loop = partner.eventLoop();
            if (loop.inEventLoop()) {
                resumePartner();
            } else {
                loop.execute(resumePartner);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void resumePartner() {
        if (self.isWritable()) {
            partner.config().setAutoRead(true);
        }
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
