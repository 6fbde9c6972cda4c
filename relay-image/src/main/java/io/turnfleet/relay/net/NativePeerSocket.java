package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.net.udp.UdpSocket;

import java.net.InetSocketAddress;

/**
 * A relay socket on the native datagram path ({@code --udp-io native}): a datagram is copied
 * straight into the event loop's send batch, which goes out with one sendmmsg per socket at the end
 * of the loop turn, so {@link #flush()} has nothing to do.
 */
final class NativePeerSocket implements PeerSocket {
    private final UdpSocket socket;

    NativePeerSocket(UdpSocket socket) {
        this.socket = socket;
    }

    @Override
    public boolean send(ByteBuf data, int offset, int length, InetSocketAddress peer) {
        return socket.send(data, offset, length, peer);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        socket.close();
    }
}
