package io.turnfleet.bench.traffic;

import io.turnfleet.bench.report.LatencySummary;

/**
 * What the traffic phase measured. "Measured" packets are those sent inside the window.
 * {@code windowRoundTrips} counts packets back at their sender inside the window;
 * {@code relayedPackets} counts what the relay forwarded inside the window, as seen by whoever
 * received it (a client to peer packet as the echo peer saw it, a packet to a client as that client
 * saw it; in {@link PeerMode#PAIR} each arrival at a client stands for two relayed packets).
 */
public record TrafficResult(double windowSeconds, long sent, long received, long lost, long duplicates,
                            long late, long corrupt, long stray, long misrouted, long peerStray,
                            long windowRoundTrips, long relayedPackets, double maxSendLagMicros,
                            LatencySummary roundTrip) {
    public double relayedPacketsPerSecond() {
        return windowSeconds > 0 ? relayedPackets() / windowSeconds : 0;
    }

    public double roundTripsPerSecond() {
        return windowSeconds > 0 ? windowRoundTrips / windowSeconds : 0;
    }

    public double lossRatio() {
        return sent > 0 ? (double) lost / sent : 0;
    }

    /** Packets that came back wrong: corrupt, stray, misrouted or duplicated. */
    public long integrityErrors() {
        return corrupt + stray + misrouted + duplicates + peerStray;
    }
}
