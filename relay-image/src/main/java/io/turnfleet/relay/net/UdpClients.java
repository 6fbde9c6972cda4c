package io.turnfleet.relay.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocations of one UDP listener socket, by client address (the kernel steers a client to one
 * socket of the SO_REUSEPORT group). Changed on the socket's event loop; the count is read from
 * other threads for /load.
 */
final class UdpClients {
    private final Map<InetSocketAddress, RelaySocket> sockets = new HashMap<>();
    private volatile int count;

    RelaySocket find(InetSocketAddress client) {
        return sockets.get(client);
    }

    void add(RelaySocket socket) {
        sockets.put(socket.client(), socket);
        count = sockets.size();
    }

    void remove(RelaySocket socket) {
        sockets.remove(socket.client(), socket);
        count = sockets.size();
    }

    /** A copy: allocations end while it is walked. */
    List<RelaySocket> snapshot() {
        return new ArrayList<>(sockets.values());
    }

    int count() {
        return count;
    }
}
