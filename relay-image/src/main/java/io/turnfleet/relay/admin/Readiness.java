package io.turnfleet.relay.admin;

/**
 * Whether the relay takes new allocations, and if not, the one-word reason {@code /readyz} gives.
 * The single definition used by {@code /readyz}, {@code /load} and the {@code turnfleet_ready} gauge.
 */
public enum Readiness {
    READY("ready"),
    DRAINING("draining"),
    UNCONFIGURED("unconfigured");

    private final String word;

    Readiness(String word) {
        this.word = word;
    }

    /** Draining wins over everything else: a draining relay must leave the Service endpoints. */
    public static Readiness of(RelayStatus status) {
        if (status.draining()) {
            return DRAINING;
        }
        return status.ready() ? READY : UNCONFIGURED;
    }

    /** The word {@code /readyz} answers with: "ready", "draining" or "unconfigured". */
    public String word() {
        return word;
    }
}
