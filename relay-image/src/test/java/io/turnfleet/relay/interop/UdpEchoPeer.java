package io.turnfleet.relay.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TURN peer: a UDP socket that sends every datagram back to where it came from (for relayed
 * traffic, the allocation's relayed address). Counts what it echoed.
 */
final class UdpEchoPeer implements AutoCloseable {
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicLong echoed = new AtomicLong();

    private UdpEchoPeer(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::echo, "udp-echo-peer-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    static UdpEchoPeer start(InetAddress address) throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
        UdpEchoPeer peer = new UdpEchoPeer(socket);
        peer.thread.start();
        return peer;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    long echoed() {
        return echoed.get();
    }

    private void echo() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                socket.send(packet);
                echoed.incrementAndGet();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
