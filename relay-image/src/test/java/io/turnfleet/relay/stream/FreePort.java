package io.turnfleet.relay.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1 that were free a moment ago (listener and admin ports must be given explicitly). */
final class FreePort {
    private FreePort() {
    }

    static int tcp() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free for both TCP and UDP, for a relay that listens on both. */
    static int tcpAndUdp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = tcp();
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on 127.0.0.1");
    }

    /**
     * A relay port range of 200 ports starting somewhere in 50000-60799. The relay skips ports some
     * other process holds, so overlapping with another test run costs nothing but a retry.
     */
    static String relayRange() {
        int min = 50_000 + ThreadLocalRandom.current().nextInt(0, 54) * 200;
        return min + "-" + (min + 199);
    }
}
