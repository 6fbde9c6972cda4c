package io.turnfleet.relay.turn;

import java.net.InetAddress;

/**
 * Decides whether the relay may install a permission for, and so relay data to, a peer address
 * (RFC 8656 §9: a server may refuse permissions by its own policy, answering 403).
 */
public interface PeerPolicy {

    boolean permits(InetAddress peer);
}
