package io.turnfleet.relay.net;

import io.turnfleet.relay.net.RequestAuthenticator.Credential;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.TurnRequestException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The allocations of one client path (the path holds them by client address): who owns one, how one
 * ends, and the once-a-second sweep that expires them. One per client path, on its event loop.
 */
final class AllocationTable {
    private final RelayContext relay;
    private final ClientPath path;

    AllocationTable(RelayContext relay, ClientPath path) {
        this.relay = relay;
        this.path = path;
    }

    /** The client's live allocation, which must belong to the authenticated user (RFC 8656 §5). */
    RelaySocket ownedSocket(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket socket = path.find(client);
        if (socket == null || socket.allocation() == null) {
            throw new TurnRequestException(ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch");
        }
        if (!socket.allocation().username().equals(credential.username())) {
            throw new TurnRequestException(ErrorCode.WRONG_CREDENTIALS, "Wrong Credentials");
        }
        return socket;
    }

    /** Ends an allocation: closes its sockets, returns its ports and quota (RFC 8656 §7.3, §6). */
    void endAllocation(RelaySocket socket) {
        if (!socket.close()) {
            return;
        }
        relay.ports().release(socket.port(true));
        relay.ports().release(socket.port(false));
        Allocation allocation = socket.allocation();
        if (allocation != null) {
            relay.quota().release(allocation.username());
        }
        path.remove(socket);
    }

    /**
     * Expires allocations, permissions, channels and unredeemed port reservations
     * (RFC 8656 §7.2: a RESERVATION-TOKEN holds its port for about 30 seconds); counts what lives on.
     */
    void sweep(Iterable<RelaySocket> sockets, long now, SweepTotals totals) {
        relay.reservations().removeExpired(now);
        boolean draining = relay.drain().isDraining();
        List<RelaySocket> expired = new ArrayList<>();
        for (RelaySocket socket : sockets) {
            Allocation allocation = socket.allocation();
            if (allocation == null) {
                continue;
            }
            if (draining) {
                allocation.expireNoLaterThan(relay.drain().deadlineNanos());
            }
            if (allocation.isExpired(now)) {
                expired.add(socket);
                continue;
            }
            allocation.removeExpired(now);
            totals.add(allocation.permissionCount(), allocation.activeChannelCount(now));
        }
        expired.forEach(this::endAllocation);
    }
}
