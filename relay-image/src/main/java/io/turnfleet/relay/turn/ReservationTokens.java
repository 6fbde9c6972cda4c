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
    /** A held port and the family of the relayed address it was reserved for. */
    private record Reservation(int port, boolean ipv4, long expiresAtNanos) {
    }

    private final Map<Long, Reservation> reservations = new HashMap<>();
    private final RelayPortPool ports;
    private final RandomGenerator random;

    public ReservationTokens(RelayPortPool ports, RandomGenerator random) {
        this.ports = ports;
        this.random = random;
    }

    /** Holds an already acquired port of an IPv4 relayed address and returns the token that redeems it. */
    public long reserve(int port, long nowNanos) {
        return reserve(port, true, nowNanos);
    }

    /**
     * Holds an already acquired port of a relayed address of the given family and returns the token
     * that redeems it. The token stands for that transport address, family included (RFC 8656 §7.2).
     */
    public synchronized long reserve(int port, boolean ipv4, long nowNanos) {
        long token;
        do {
            token = random.nextLong();
        } while (reservations.containsKey(token));
        reservations.put(token, new Reservation(port, ipv4, nowNanos + TurnTimers.RESERVATION_LIFETIME_NANOS));
        return token;
    }

    /** Whether {@code token} holds a port reserved for an IPv6 relayed address; false when unknown. */
    public synchronized boolean reservedForIpv6(long token) {
        Reservation reservation = reservations.get(token);
        return reservation != null && !reservation.ipv4();
    }

    /** The reserved port, now owned by the caller, or -1 when the token is unknown or expired. */
    public synchronized int redeem(long token, long nowNanos) {
        Reservation reservation = reservations.remove(token);
        if (reservation == null) {
            return -1;
        }
        if (nowNanos - reservation.expiresAtNanos() >= 0) {
            ports.release(reservation.port());
            return -1;
        }
        return reservation.port();
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
