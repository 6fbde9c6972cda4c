package io.turnfleet.relay.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundDatagramTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.9", 40_000);

    @Test
    void carriesPayloadAndRecipientAndSharesThePayloadsReferenceCount() {
        ByteBuf payload = Unpooled.directBuffer().writeInt(42);
        OutboundDatagram datagram = OutboundDatagram.of(payload, PEER);

        assertThat(datagram.content()).isSameAs(payload);
        assertThat(datagram.recipient()).isEqualTo(PEER);
        assertThat(datagram.sender()).isNull();
        assertThat(datagram.retain().refCnt()).isEqualTo(2);
        assertThat(datagram.release()).isFalse();
        assertThat(datagram.content()).as("still held by one reference").isSameAs(payload);
        assertThat(datagram.release()).isTrue();
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void onAnEventLoopTheReleaseThatFreesThePayloadReturnsTheEnvelopeForReuse() throws Exception {
        DefaultEventExecutor loop = new DefaultEventExecutor();
        try {
            loop.submit(() -> {
                OutboundDatagram first = OutboundDatagram.of(Unpooled.directBuffer(4).writeInt(1), PEER);
                first.release();

                ByteBuf next = Unpooled.directBuffer(4).writeInt(2);
                OutboundDatagram second = OutboundDatagram.of(next, new InetSocketAddress("198.51.100.1", 3478));

                assertThat(second).isSameAs(first);
                assertThat(second.content()).isSameAs(next);
                assertThat(second.recipient().getPort()).isEqualTo(3478);
                second.release();
            }).get(5, TimeUnit.SECONDS);
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @ParameterizedTest
    @EnumSource(IoTransport.class)
    void aUdpChannelSendsItAndReleasesThePayload(IoTransport io) throws Exception {
        assertThat(io != IoTransport.EPOLL || Epoll.isAvailable())
                .as("Netty's native epoll transport loads on Linux x86_64 and aarch64 (the relay's platforms)")
                .isTrue();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io.ioHandlerFactory());
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            receiver.setSoTimeout(5_000);
            Channel sender = new Bootstrap().group(group).channelFactory(io.datagram(true))
                    .handler(new ChannelInboundHandlerAdapter())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            ByteBuf payload = IoTransport.ALLOCATOR.directBuffer(5).writeBytes("relay".getBytes(StandardCharsets.US_ASCII));

            sender.writeAndFlush(OutboundDatagram.of(payload, (InetSocketAddress) receiver.getLocalSocketAddress()))
                    .sync();
            java.net.DatagramPacket received = new java.net.DatagramPacket(new byte[64], 64);
            receiver.receive(received);

            assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII))
                    .isEqualTo("relay");
            assertThat(received.getSocketAddress()).isEqualTo(sender.localAddress());
            assertThat(payload.refCnt()).isZero();
            sender.close().sync();
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
