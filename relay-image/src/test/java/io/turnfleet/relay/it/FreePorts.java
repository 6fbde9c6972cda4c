package io.turnfleet.relay.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports that are free right now. The relay's flags need real port numbers (1-65535), so tests pick
 * them by binding and releasing. Relay port ranges are taken below the kernel's ephemeral range
 * (32768 and up on Linux), where other processes' outgoing sockets don't land.
 */
public final class FreePorts {
    private static final int RANGE_FLOOR = 20_000;
    private static final int RANGE_CEILING = 32_000;

    private FreePorts() {
    }

    public static int udp(InetAddress address) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return socket.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException("no free UDP port on " + address.getHostAddress(), e);
        }
    }

    public static int tcp(InetAddress address) {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on " + address.getHostAddress(), e);
        }
    }

    /** {@code count} consecutive UDP ports, free on every address, the first one even; as "MIN-MAX". */
    public static String udpRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(RANGE_FLOOR, RANGE_CEILING - count) & ~1;
            if (allFree(first, count)) {
                return first + "-" + (first + count - 1);
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports between " + RANGE_FLOOR
                + " and " + RANGE_CEILING);
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            // The wildcard bind fails when any address already holds the port, IPv4 or IPv6.
            try (DatagramSocket probe = new DatagramSocket(port)) {
                probe.getLocalPort();
            } catch (SocketException taken) {
                return false;
            }
        }
        return true;
    }
}
