package io.turnfleet.relay.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses and ports for the relays and tools these tests start. The relay's flags refuse port 0, so a free port
 * is found by binding and releasing it; callers retry on the rare race. Never 3478: a distribution's
 * coturn may listen there with SO_REUSEPORT and take packets meant for the relay under test.
 */
final class Loopback {
    static final int STUN_DEFAULT_PORT = 3478;

    private Loopback() {
    }

    /**
     * The IPv6 loopback address ::1, or a failed test saying how to enable it: the IPv6 tests must not
     * pass silently on a machine without IPv6.
     */
    static InetAddress requireIpv6() throws IOException {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(ipv6Loopback, 0))) {
            return ipv6Loopback;
        } catch (SocketException e) {
            throw new AssertionError("IPv6 loopback ::1 is not usable on this machine (" + e.getMessage()
                    + "). Enable IPv6: sysctl -w net.ipv6.conf.lo.disable_ipv6=0 (in Docker: run with "
                    + "--sysctl net.ipv6.conf.all.disable_ipv6=0, or enable ipv6 in daemon.json)", e);
        }
    }

    /** A UDP port that is free on {@code address} right now. */
    static int freeUdpPort(InetAddress address) {
        while (true) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = probe.getLocalPort();
                if (port != STUN_DEFAULT_PORT) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a UDP socket on " + address.getHostAddress(), e);
            }
        }
    }

    /** A TCP port that is free on {@code address} right now. */
    static int freeTcpPort(InetAddress address) {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a TCP socket on " + address.getHostAddress(), e);
        }
    }

    /**
     * A block of relay ports below the kernel's ephemeral range (32768-60999 on Linux), so relay
     * sockets never collide with the ports clients and probes are given. Random, so relays that
     * other test runs start at the same time rarely share a block; the relay skips taken ports.
     */
    static String relayPortBlock() {
        int min = 10_000 + ThreadLocalRandom.current().nextInt(0, 9) * 1_000;
        return min + "-" + (min + 999);
    }
}
