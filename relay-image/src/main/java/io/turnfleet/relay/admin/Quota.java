package io.turnfleet.relay.admin;

/** A limit that refused a request or throttled relayed data. */
public enum Quota {
    /** Allocations per username ({@code --user-quota}, 486). */
    USER("user"),
    /** Total allocations of this relay ({@code --max-allocations}, 508). */
    TOTAL("total"),
    /** Relayed bandwidth per allocation ({@code --max-bandwidth}). */
    BANDWIDTH("bandwidth"),
    /** Relay port range exhausted (508). */
    PORTS("ports");

    private final String label;

    Quota(String label) {
        this.label = label;
    }

    /** Value of the {@code quota} metric label. */
    public String label() {
        return label;
    }
}
