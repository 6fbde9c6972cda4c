package io.turnfleet.bench.traffic;

/** Where each allocation's channel leads, i.e. who sends a packet back. */
public enum PeerMode {
    /**
     * To the generator's own UDP echo peer. A round trip is two relayed packets, and the generator
     * sends and receives each of them itself (client and peer side).
     */
    ECHO,
    /**
     * To the relayed address of a partner allocation (0-1, 2-3, ...), whose client sends the packet
     * straight back. A round trip is four relayed packets (each hop passes the relay twice: client
     * to relayed address, relayed address to client), for the same generator work as ECHO. The
     * generator then costs half as much per relayed packet, so a saturation run saturates the
     * server rather than the generator. The server relays to its own relay addresses, which needs
     * loopback (or the relay's own addresses) allowed as peers.
     */
    PAIR
}
