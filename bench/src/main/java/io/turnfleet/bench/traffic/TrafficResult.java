package io.turnfleet.bench.traffic;

import io.turnfleet.bench.report.LatencySummary;

/**
 * What the traffic phase measured. "Measured" packets are those sent inside the window; relayed
 * packets count both directions (client to peer as the peer saw them, peer to client as the
 * client saw them) that arrived inside the window.
 */
public record TrafficResult(double windowSeconds, long sent, long received, long lost, long duplicates,
                            long late, long corrupt, long stray, long misrouted, long peerStray,
                            long windowEchoes, long windowPeerPackets, double maxSendLagMicros,
                            LatencySummary roundTrip) {
    public long relayedPackets() {
        return windowEchoes + windowPeerPackets;
    }

    public double relayedPacketsPerSecond() {
        return windowSeconds > 0 ? relayedPackets() / windowSeconds : 0;
    }

    public double roundTripsPerSecond() {
        return windowSeconds > 0 ? windowEchoes / windowSeconds : 0;
    }

    public double lossRatio() {
        return sent > 0 ? (double) lost / sent : 0;
    }

    /** Packets that came back wrong: corrupt, stray, misrouted or duplicated. */
    public long integrityErrors() {
        return corrupt + stray + misrouted + duplicates + peerStray;
    }
}
