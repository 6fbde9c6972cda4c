package io.turnfleet.relay.config;

/** The transport of a client-facing listener. */
public enum Transport {
    UDP, TCP, TLS;

    /** The URI scheme of --listen: "udp", "tcp" or "tls". */
    public String scheme() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
