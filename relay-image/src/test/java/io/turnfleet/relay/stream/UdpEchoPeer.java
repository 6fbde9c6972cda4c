package io.turnfleet.relay.stream;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP peer on 127.0.0.1 that sends every datagram back to where it came from, on a port and the
 * port after it, as turnutils_peer does for RTP and RTCP.
 */
final class UdpEchoPeer implements AutoCloseable {
    private static final int BIND_ATTEMPTS = 50;

    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong echoed = new AtomicLong();

    UdpEchoPeer() throws IOException {
        for (int attempt = 0; attempt < BIND_ATTEMPTS && sockets.isEmpty(); attempt++) {
            DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                DatagramSocket rtcp = new DatagramSocket(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), rtp.getLocalPort() + 1));
                sockets.add(rtp);
                sockets.add(rtcp);
            } catch (SocketException taken) {
                rtp.close();
            }
        }
        if (sockets.isEmpty()) {
            throw new IOException("no two consecutive free UDP ports on 127.0.0.1");
        }
        for (DatagramSocket socket : sockets) {
            Thread thread = new Thread(() -> echo(socket), "udp-echo-peer-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** The first of the two ports. */
    InetSocketAddress address() {
        return (InetSocketAddress) sockets.get(0).getLocalSocketAddress();
    }

    long echoed() {
        return echoed.get();
    }

    private void echo(DatagramSocket socket) {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        while (!socket.isClosed()) {
            try {
                packet.setLength(65_536);
                socket.receive(packet);
                socket.send(packet);
                echoed.incrementAndGet();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException("echo peer failed", e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        sockets.forEach(DatagramSocket::close);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
