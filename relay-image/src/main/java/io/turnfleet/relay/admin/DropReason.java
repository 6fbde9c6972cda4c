package io.turnfleet.relay.admin;

/** Why a packet on the relay path was silently discarded (RFC 8656 §11, §12). */
public enum DropReason {
    /** Data or indication for a five-tuple without an allocation. */
    NO_ALLOCATION("no_allocation"),
    /** Peer address without an installed permission. */
    NO_PERMISSION("no_permission"),
    /** ChannelData on a channel number that is not bound. */
    NO_CHANNEL("no_channel"),
    /** Over the allocation's bandwidth limit. */
    BANDWIDTH("bandwidth"),
    /** Peer address refused by the peer policy (denied ranges). */
    PEER_POLICY("peer_policy"),
    /**
     * A peer at one of the relay's own addresses (relay, node, fleet) on a port outside the relay port
     * range: the relay is no proxy into its node.
     */
    OWN_ADDRESS("own_address"),
    /** The socket write failed. */
    SEND_FAILED("send_failed");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** Value of the {@code reason} metric label. */
    public String label() {
        return label;
    }
}
