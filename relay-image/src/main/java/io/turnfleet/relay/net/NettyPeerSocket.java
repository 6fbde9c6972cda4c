package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;

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
        // A copy, not a slice: the datagram's buffer is read into again (ReusedReceiveBuffer). A
        // DatagramPacket envelope, the only kind Netty's epoll transport batches into one sendmmsg.
        ByteBuf payload = channel.alloc().directBuffer(length).writeBytes(data, offset, length);
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
