package io.turnfleet.relay.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.RelayMetrics;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Back-pressure of an RFC 6062 pipe: the reader pauses when its partner can't take more and resumes
 * when the partner drains, also when the drain races with the pause and when the two channels live
 * on different event loops.
 */
class TcpPipeTest {
    private static final WriteBufferWaterMark SMALL = new WriteBufferWaterMark(8, 16);

    private final RelayMetrics metrics = new RelayMetrics();

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void aReaderPausesWhileItsPartnerIsFullAndResumesWhenItDrains() {
        HeldFlushes slowReceiver = new HeldFlushes();
        EmbeddedChannel writer = embedded();
        EmbeddedChannel reader = embedded();
        writer.pipeline().addLast(slowReceiver, new TcpPipe(reader, Direction.PEER_TO_CLIENT, metrics));
        reader.pipeline().addLast(new TcpPipe(writer, Direction.CLIENT_TO_PEER, metrics));

        reader.writeInbound(Unpooled.wrappedBuffer(new byte[32]));

        assertThat(writer.isWritable()).isFalse();
        assertThat(reader.config().isAutoRead()).as("paused").isFalse();

        slowReceiver.release(writer);

        assertThat(writer.isWritable()).isTrue();
        assertThat(reader.config().isAutoRead()).as("resumed").isTrue();
        releaseAll(writer);
        reader.finishAndReleaseAll();
        writer.finishAndReleaseAll();
    }

    /**
     * The partner drains (on its own loop) between the reader's writability check and its pause: its
     * writability event finds the reader still reading and changes nothing. Without a second check
     * after pausing, the reader would stay paused for good.
     */
    @Test
    void aPartnerThatDrainsBetweenTheCheckAndThePauseDoesNotLeaveTheReaderPaused() {
        HeldFlushes slowReceiver = new HeldFlushes();
        DrainingAfterCheck writer = new DrainingAfterCheck(slowReceiver);
        writer.config().setWriteBufferWaterMark(SMALL);
        EmbeddedChannel reader = embedded();
        writer.pipeline().addLast(slowReceiver, new TcpPipe(reader, Direction.PEER_TO_CLIENT, metrics));
        reader.pipeline().addLast(new TcpPipe(writer, Direction.CLIENT_TO_PEER, metrics));
        writer.drainAfterNextUnwritableCheck = true;

        reader.writeInbound(Unpooled.wrappedBuffer(new byte[32]));

        assertThat(writer.drained).as("the race was played").isTrue();
        assertThat(writer.isWritable()).isTrue();
        assertThat(reader.config().isAutoRead()).as("reading, not stalled").isTrue();
        releaseAll(writer);
        reader.finishAndReleaseAll();
        writer.finishAndReleaseAll();
    }

    /**
     * Reader and partner on two real event loops: the partner's receiver holds its bytes, the partner
     * fills up and the reader pauses; then the receiver takes them, the partner drains on its own
     * loop and the resume it sends to the reader's loop lets the reader read again.
     */
    @Test
    @Timeout(30)
    void onTwoEventLoopsTheReaderPausesAndResumesWithItsPartner() throws Exception {
        MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
        try {
            EventLoop readerLoop = loops.next();
            EventLoop writerLoop = loops.next();
            assertThat(readerLoop).isNotSameAs(writerLoop);
            LocalAddress address = new LocalAddress("tcp-pipe-" + System.nanoTime());
            Channel server = new ServerBootstrap().group(writerLoop).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel child) {
                        }
                    })
                    .bind(address).sync().channel();
            HeldFlushes slowReceiver = new HeldFlushes();
            Channel writer = new Bootstrap().group(writerLoop).channel(LocalChannel.class)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, SMALL)
                    .handler(slowReceiver).connect(address).sync().channel();
            Channel reader = new Bootstrap().group(readerLoop).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
            readerLoop.submit(() -> reader.pipeline().addLast(
                    new TcpPipe(writer, Direction.CLIENT_TO_PEER, metrics))).sync();
            writerLoop.submit(() -> writer.pipeline().addLast(
                    new TcpPipe(reader, Direction.PEER_TO_CLIENT, metrics))).sync();

            // Bytes arrive on the reader, on its own loop, as a socket read would deliver them.
            readerLoop.submit(() -> {
                reader.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new byte[64]));
                reader.pipeline().fireChannelReadComplete();
            }).sync();
            writerLoop.submit(() -> { }).sync();
            assertThat(writerLoop.submit(writer::isWritable).get()).isFalse();
            assertThat(readerLoop.submit(() -> reader.config().isAutoRead()).get()).as("paused").isFalse();

            writerLoop.submit(() -> slowReceiver.release(writer)).sync();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean resumed = false;
            while (!resumed && System.nanoTime() < deadline) {
                resumed = readerLoop.submit(() -> reader.config().isAutoRead()).get();
                Thread.sleep(10);
            }
            assertThat(resumed).as("resumed").isTrue();
            writer.close().sync();
            reader.close().sync();
            server.close().sync();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static EmbeddedChannel embedded() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setWriteBufferWaterMark(SMALL);
        return channel;
    }

    private static void releaseAll(EmbeddedChannel channel) {
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ((ByteBuf) message).release();
        }
    }

    /** A receiver that doesn't take bytes yet: flushes stop here, so writes pile up as pending. */
    private static final class HeldFlushes extends ChannelOutboundHandlerAdapter {
        private boolean held = true;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!held) {
                ctx.flush();
            }
        }

        /** The receiver takes everything; runs on the channel's loop. */
        void release(Channel channel) {
            held = false;
            channel.flush();
        }
    }

    /** A partner that, right after a writability check found it full, drains as its own loop might. */
    private static final class DrainingAfterCheck extends EmbeddedChannel {
        private final HeldFlushes receiver;
        boolean drainAfterNextUnwritableCheck;
        boolean drained;

        DrainingAfterCheck(HeldFlushes receiver) {
            this.receiver = receiver;
        }

        @Override
        public boolean isWritable() {
            boolean writable = super.isWritable();
            if (!writable && drainAfterNextUnwritableCheck) {
                drainAfterNextUnwritableCheck = false;
                receiver.release(this);
                drained = true;
            }
            return writable;
        }
    }
}
