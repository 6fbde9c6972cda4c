package io.turnfleet.relay.turn;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Ports held for a later Allocate by RESERVATION-TOKEN (RFC 8656 §7.2, §14.9). Shared by all event
 * loops because the Allocate that redeems a token may come from another 5-tuple.
 */
public final class ReservationTokens {
    /** A held port and the address family of the allocation that reserved it. */
    public record Reservation(int port, boolean ipv4, long expiresAtNanos) {
    }

    private final Map<Long, Reservation> reservations = new HashMap<>();
    private final RelayPortPool ports;
    private final RandomGenerator random;

    public ReservationTokens(RelayPortPool ports, RandomGenerator random) {
        this.ports = ports;
        this.random = random;
    }

    /**
     * Holds an already acquired port and returns the token that redeems it. The later allocation gets
     * the family of the one that reserved it (RFC 8656 §7.2: the token stands for a relayed address).
     */
    public synchronized long reserve(int port, boolean ipv4, long nowNanos) {
        long token;
        do {
            token = random.nextLong();
        } while (reservations.containsKey(token));
        reservations.put(token, new Reservation(port, ipv4, nowNanos + TurnTimers.RESERVATION_LIFETIME_NANOS));
        return token;
    }

    /** The reservation, whose port the caller now owns, or null when the token is unknown or expired. */
    public synchronized Reservation redeem(long token, long nowNanos) {
        Reservation reservation = reservations.remove(token);
        if (reservation == null) {
            return null;
        }
        if (nowNanos - reservation.expiresAtNanos() >= 0) {
            ports.release(reservation.port());
            return null;
        }
        return reservation;
    }

    /** Returns the ports of expired reservations to the pool. */
    public synchronized void removeExpired(long nowNanos) {
        Iterator<Reservation> it = reservations.values().iterator();
        while (it.hasNext()) {
            Reservation reservation = it.next();
            if (nowNanos - reservation.expiresAtNanos() >= 0) {
                ports.release(reservation.port());
                it.remove();
            }
        }
    }

    public synchronized int size() {
        return reservations.size();
    }
}
