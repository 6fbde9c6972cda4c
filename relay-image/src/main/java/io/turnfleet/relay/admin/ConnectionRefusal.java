package io.turnfleet.relay.admin;

/** Why a new TCP/TLS client connection was closed as soon as it was accepted. */
public enum ConnectionRefusal {
    /** Its source address opened connections faster than --connection-rate-per-ip allows. */
    RATE("rate"),
    /** Its source address already holds --max-unauthenticated-connections-per-ip unauthenticated connections. */
    UNAUTHENTICATED("unauthenticated");

    private final String label;

    ConnectionRefusal(String label) {
        this.label = label;
    }

    /** Value of the {@code reason} metric label. */
    public String label() {
        return label;
    }
}
