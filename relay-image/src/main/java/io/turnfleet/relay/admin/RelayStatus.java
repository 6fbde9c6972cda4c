package io.turnfleet.relay.admin;

/**
 * What the relay engine reports about itself to the admin endpoints and the gauges. Implementations
 * are read from the admin thread while the relay runs, so each method must be safe to call from any
 * thread and cheap (a volatile read or a counter sum, not a walk over all allocations).
 */
public interface RelayStatus {

    /** Live allocations. */
    long allocations();

    /** Installed permissions over all allocations. */
    long permissions();

    /** Bound channels over all allocations. */
    long channels();

    /** Total allocation capacity of this relay ({@code --max-allocations}); 0 = unlimited. */
    long capacity();

    /** True once SIGTERM started the drain: no new allocations, existing ones keep relaying. */
    boolean draining();

    /** True when the relay accepts new allocations (configured, advertised address known, not draining). */
    boolean ready();

    /**
     * Open client connections on one transport.
     *
     * @param transport {@code "udp"}, {@code "tcp"} or {@code "tls"}
     */
    long connections(String transport);
}
