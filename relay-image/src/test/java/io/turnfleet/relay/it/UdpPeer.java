package io.turnfleet.relay.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer on the far side of the relay: a UDP socket that records what arrives (with its sender)
 * and, when it is an echo peer, sends each datagram back to where it came from.
 */
public final class UdpPeer implements AutoCloseable {
    /** One datagram as the peer saw it. */
    public record Datagram(InetSocketAddress sender, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final DatagramSocket socket;
    private final boolean echo;
    private final BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    private UdpPeer(InetSocketAddress address, boolean echo) {
        try {
            this.socket = new DatagramSocket(address);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot open a peer socket on " + address, e);
        }
        this.echo = echo;
        this.reader = new Thread(this::run, "udp-peer-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** A peer that sends every datagram back to its sender. */
    public static UdpPeer echo(InetAddress address) {
        return new UdpPeer(new InetSocketAddress(address, 0), true);
    }

    /** A peer that only records what it receives. */
    public static UdpPeer listening(InetAddress address) {
        return listening(new InetSocketAddress(address, 0));
    }

    /** A peer that only records what it receives, on the given port. */
    public static UdpPeer listening(InetSocketAddress address) {
        return new UdpPeer(address, false);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void send(InetSocketAddress to, byte[] data) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException("peer cannot send to " + to, e);
        }
    }

    /** The next datagram that arrived; fails the test when none does in time. */
    public Datagram receive(Duration timeout) {
        try {
            Datagram datagram = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (datagram == null) {
                throw new AssertionError("nothing reached the peer at " + address() + " within " + timeout);
            }
            return datagram;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Datagrams that arrived and were not taken by {@link #receive} yet. */
    public List<Datagram> receivedSoFar() {
        return List.copyOf(received);
    }

    private void run() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress sender = (InetSocketAddress) packet.getSocketAddress();
            received.add(new Datagram(sender, data));
            if (echo && !echoTo(sender, data)) {
                return;
            }
        }
    }

    private boolean echoTo(InetSocketAddress sender, byte[] data) {
        try {
            socket.send(new DatagramPacket(data, data.length, sender));
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
