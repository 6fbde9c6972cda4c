package io.turnfleet.relay.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The relay's load as served by {@code GET /load}: the document the operator reads to scale the fleet
 * and to pick which relay drains first. Field names and nesting are fixed by the relay/operator contract.
 *
 * @param capacity total allocation capacity, 0 = unlimited
 * @param uptimeSeconds whole seconds since the process started
 */
@JsonPropertyOrder({"allocations", "permissions", "channels", "capacity", "bytesPerSecond",
    "packetsPerSecond", "connections", "draining", "ready", "uptimeSeconds"})
public record LoadReport(
        long allocations,
        long permissions,
        long channels,
        long capacity,
        PerDirection bytesPerSecond,
        PerDirection packetsPerSecond,
        Connections connections,
        boolean draining,
        boolean ready,
        long uptimeSeconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A rate in each relay direction. */
    @JsonPropertyOrder({"clientToPeer", "peerToClient"})
    public record PerDirection(double clientToPeer, double peerToClient) {
    }

    /** Open client connections per transport. */
    @JsonPropertyOrder({"udp", "tcp", "tls"})
    public record Connections(long udp, long tcp, long tls) {
    }

    /** The JSON document, UTF-8. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            // Only numbers and booleans: serialising cannot fail short of a broken classpath.
            throw new IllegalStateException("cannot write the load report as JSON", e);
        }
    }
}
