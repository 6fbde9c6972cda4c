package io.turnfleet.relay.turn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The state of one allocation (RFC 8656 §2.2, §6): its relayed addresses, lifetime, permissions and
 * channel bindings. Pure state: no sockets, no timers, no clock; every time-dependent method takes
 * {@code nowNanos} from {@link System#nanoTime()}. Not thread-safe: an allocation lives on the event
 * loop of its client.
 */
public final class Allocation {
    /** Bounds that keep one allocation from exhausting memory. */
    public static final int MAX_PERMISSIONS = 1024;
    public static final int MAX_CHANNELS = 1024;

    private final FiveTuple fiveTuple;
    private final String username;
    private final InetSocketAddress relayedIpv4;
    private final InetSocketAddress relayedIpv6;
    private final long allocateTransactionHigh;
    private final int allocateTransactionLow;
    private final BandwidthLimit bandwidth;
    private long expiresAtNanos;

    private Permission[] permissions = new Permission[2];
    private int permissionCount;
    private ChannelBinding[] channels = new ChannelBinding[2];
    private int channelCount;

    public Allocation(FiveTuple fiveTuple, String username, InetSocketAddress relayedIpv4,
                      InetSocketAddress relayedIpv6, long allocateTransactionHigh, int allocateTransactionLow,
                      long bytesPerSecondLimit, long lifetimeSeconds, long nowNanos) {
        if (relayedIpv4 == null && relayedIpv6 == null) {
            throw new IllegalArgumentException("an allocation needs at least one relayed address");
        }
        this.fiveTuple = fiveTuple;
        this.username = username;
        this.relayedIpv4 = relayedIpv4;
        this.relayedIpv6 = relayedIpv6;
        this.allocateTransactionHigh = allocateTransactionHigh;
        this.allocateTransactionLow = allocateTransactionLow;
        this.bandwidth = new BandwidthLimit(bytesPerSecondLimit, nowNanos);
        refresh(lifetimeSeconds, nowNanos);
    }

    public FiveTuple fiveTuple() {
        return fiveTuple;
    }

    public String username() {
        return username;
    }

    /** The advertised IPv4 relayed transport address, or null. */
    public InetSocketAddress relayedIpv4() {
        return relayedIpv4;
    }

    /** The advertised IPv6 relayed transport address, or null. */
    public InetSocketAddress relayedIpv6() {
        return relayedIpv6;
    }

    public boolean relaysFamilyOf(InetAddress peer) {
        return peer instanceof java.net.Inet4Address ? relayedIpv4 != null : relayedIpv6 != null;
    }

    /** Whether a request is a retransmission of the Allocate that created this allocation. */
    public boolean isCreatedBy(long transactionHigh, int transactionLow) {
        return transactionHigh == allocateTransactionHigh && transactionLow == allocateTransactionLow;
    }

    public void refresh(long lifetimeSeconds, long nowNanos) {
        expiresAtNanos = nowNanos + TimeUnit.SECONDS.toNanos(lifetimeSeconds);
    }

    /** Seconds left before the allocation expires, as LIFETIME reports it. */
    public long remainingSeconds(long nowNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(expiresAtNanos - nowNanos));
    }

    public boolean isExpired(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }

    /** Caps the lifetime so the allocation ends no later than {@code deadlineNanos} (used while draining). */
    public void expireNoLaterThan(long deadlineNanos) {
        if (expiresAtNanos - deadlineNanos > 0) {
            expiresAtNanos = deadlineNanos;
        }
    }

    /** Installs or refreshes the permission for a peer IP (RFC 8656 §9). False when at {@link #MAX_PERMISSIONS}. */
    public boolean installPermission(InetAddress peer, long nowNanos) {
        long expiresAt = nowNanos + TurnTimers.PERMISSION_LIFETIME_NANOS;
        Permission existing = findPermission(peer);
        if (existing != null) {
            existing.refresh(expiresAt);
            return true;
        }
        if (permissionCount == MAX_PERMISSIONS) {
            return false;
        }
        if (permissionCount == permissions.length) {
            permissions = Arrays.copyOf(permissions, permissionCount * 2);
        }
        permissions[permissionCount++] = new Permission(peer, expiresAt);
        return true;
    }

    /** Whether a permission can be installed for each of these peers without exceeding the limit. */
    public boolean hasRoomForPermissions(InetAddress[] peers) {
        int missing = 0;
        for (InetAddress peer : peers) {
            if (findPermission(peer) == null) {
                missing++;
            }
        }
        return permissionCount + missing <= MAX_PERMISSIONS;
    }

    /** The unexpired permission for this peer IP, or null. Allocation-free: the per-packet check. */
    public Permission permissionFor(InetAddress peer, long nowNanos) {
        Permission permission = findPermission(peer);
        return permission != null && nowNanos - permission.expiresAtNanos() < 0 ? permission : null;
    }

    private Permission findPermission(InetAddress peer) {
        for (int i = 0; i < permissionCount; i++) {
            if (permissions[i].matches(peer)) {
                return permissions[i];
            }
        }
        return null;
    }

    public int permissionCount() {
        return permissionCount;
    }

    /**
     * Binds a channel number to a peer or refreshes the binding, and installs or refreshes the peer's
     * permission (RFC 8656 §11.2). A number or peer still held after its binding expired cannot be
     * bound to anything else.
     */
    public BindResult bindChannel(int number, InetSocketAddress peer, long nowNanos) {
        for (int i = 0; i < channelCount; i++) {
            ChannelBinding binding = channels[i];
            boolean sameNumber = binding.number() == number;
            boolean samePeer = binding.isFor(peer);
            if (sameNumber && samePeer) {
                if (!installPermission(peer.getAddress(), nowNanos)) {
                    return BindResult.TOO_MANY_BINDINGS;
                }
                binding.refresh(nowNanos + TurnTimers.CHANNEL_LIFETIME_NANOS);
                return BindResult.REFRESHED;
            }
            if (sameNumber && binding.isHeld(nowNanos)) {
                return BindResult.NUMBER_BOUND_TO_OTHER_PEER;
            }
            if (samePeer && binding.isHeld(nowNanos)) {
                return BindResult.PEER_BOUND_TO_OTHER_NUMBER;
            }
        }
        removeReleasedChannels(nowNanos);
        if (channelCount == MAX_CHANNELS || !installPermission(peer.getAddress(), nowNanos)) {
            return BindResult.TOO_MANY_BINDINGS;
        }
        if (channelCount == channels.length) {
            channels = Arrays.copyOf(channels, channelCount * 2);
        }
        channels[channelCount++] = new ChannelBinding(number, peer, nowNanos + TurnTimers.CHANNEL_LIFETIME_NANOS);
        return BindResult.BOUND;
    }

    /** The active binding with this number, or null. Allocation-free: the per-packet lookup. */
    public ChannelBinding channel(int number, long nowNanos) {
        for (int i = 0; i < channelCount; i++) {
            ChannelBinding binding = channels[i];
            if (binding.number() == number) {
                return binding.isActive(nowNanos) ? binding : null;
            }
        }
        return null;
    }

    /** The active binding to this peer transport address, or null. Allocation-free. */
    public ChannelBinding channelTo(InetSocketAddress peer, long nowNanos) {
        for (int i = 0; i < channelCount; i++) {
            ChannelBinding binding = channels[i];
            if (binding.isFor(peer)) {
                return binding.isActive(nowNanos) ? binding : null;
            }
        }
        return null;
    }

    /** Channel bindings that currently relay data. */
    public int activeChannelCount(long nowNanos) {
        int active = 0;
        for (int i = 0; i < channelCount; i++) {
            if (channels[i].isActive(nowNanos)) {
                active++;
            }
        }
        return active;
    }

    /** Whether {@code bytes} more may be relayed now under the allocation's bandwidth limit. */
    public boolean admit(int bytes, long nowNanos) {
        return bandwidth.admit(bytes, nowNanos);
    }

    /** Drops expired permissions and bindings whose hold time is over. Returns how many were dropped. */
    public int removeExpired(long nowNanos) {
        int removed = removeReleasedChannels(nowNanos);
        int kept = 0;
        for (int i = 0; i < permissionCount; i++) {
            Permission permission = permissions[i];
            if (nowNanos - permission.expiresAtNanos() < 0) {
                permissions[kept++] = permission;
            }
        }
        Arrays.fill(permissions, kept, permissionCount, null);
        removed += permissionCount - kept;
        permissionCount = kept;
        return removed;
    }

    private int removeReleasedChannels(long nowNanos) {
        int kept = 0;
        for (int i = 0; i < channelCount; i++) {
            ChannelBinding binding = channels[i];
            if (binding.isHeld(nowNanos)) {
                channels[kept++] = binding;
            }
        }
        Arrays.fill(channels, kept, channelCount, null);
        int removed = channelCount - kept;
        channelCount = kept;
        return removed;
    }

    @Override
    public String toString() {
        return "Allocation[" + fiveTuple + ", relayed " + (relayedIpv4 != null ? relayedIpv4 : "")
                + (relayedIpv6 != null ? " " + relayedIpv6 : "") + "]";
    }
}
