package io.turnfleet.relay.net;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Peer connections waiting for their ConnectionBind, by CONNECTION-ID (RFC 6062 §5.4). Shared by all
 * event loops: the client's data connection may land on any of them.
 */
public final class PeerConnections {
    private final ConcurrentMap<Integer, PeerConnection> pending = new ConcurrentHashMap<>();

    /** A fresh CONNECTION-ID, unique among pending connections. */
    int newId() {
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt();
        } while (id == 0 || pending.containsKey(id));
        return id;
    }

    void add(PeerConnection connection) {
        pending.put(connection.id(), connection);
    }

    /** Removes and returns the pending connection with this id, or null. */
    PeerConnection claim(int id) {
        return pending.remove(id);
    }

    void remove(PeerConnection connection) {
        pending.remove(connection.id(), connection);
    }
}
