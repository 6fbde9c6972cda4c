package io.turnfleet.relay.admin;

/** STUN/TURN request methods the relay answers (RFC 8489, RFC 8656, RFC 6062). */
public enum RequestMethod {
    BINDING("binding"),
    ALLOCATE("allocate"),
    REFRESH("refresh"),
    CREATE_PERMISSION("create_permission"),
    CHANNEL_BIND("channel_bind"),
    CONNECT("connect"),
    CONNECTION_BIND("connection_bind");

    private final String label;

    RequestMethod(String label) {
        this.label = label;
    }

    /** Value of the {@code method} metric label. */
    public String label() {
        return label;
    }
}
