package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A relay socket that is a Netty datagram channel ({@code --udp-io netty}, or no epoll). */
final class NettyPeerSocket implements PeerSocket {
    private final Channel channel;

    NettyPeerSocket(Channel channel) {
        this.channel = channel;
    }

    @Override
    public boolean send(ByteBuf data, int offset, int length, InetSocketAddress peer) {
        if (!channel.isWritable()) {
            return false;
        }
        // A copy, not a slice: the datagram's buffer is read into again (ReusedReceiveBuffer). Through the
        // source's own NIO view: a ByteBuf-to-ByteBuf copy builds new views without Unsafe (Java 25). A
        // DatagramPacket envelope, the only kind Netty's epoll transport batches into one sendmmsg.
        ByteBuffer from = data.nioBufferCount() == 1 ? data.internalNioBuffer(offset, length)
                : data.nioBuffer(offset, length);
        ByteBuf payload = channel.alloc().directBuffer(length).writeBytes(from);
        channel.write(new DatagramPacket(payload, peer), channel.voidPromise());
        return true;
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void close() {
        channel.close();
    }
}
