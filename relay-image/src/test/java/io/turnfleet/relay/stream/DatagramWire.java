package io.turnfleet.relay.stream;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A UDP socket talking to one relay listener: one message per datagram. */
final class DatagramWire implements Wire {
    private final DatagramSocket socket;

    DatagramWire(InetSocketAddress relay) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(relay.getAddress(), 0));
        socket.connect(relay);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length));
    }

    @Override
    public byte[] read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
