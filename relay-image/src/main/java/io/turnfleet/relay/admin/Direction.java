package io.turnfleet.relay.admin;

/** Which way relayed data flows through an allocation. */
public enum Direction {
    /** From the TURN client, through the relay socket, to a peer (Send indication, ChannelData). */
    CLIENT_TO_PEER("client_to_peer"),
    /** From a peer to the TURN client (Data indication, ChannelData). */
    PEER_TO_CLIENT("peer_to_client");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** Value of the {@code direction} metric label. */
    public String label() {
        return label;
    }
}
