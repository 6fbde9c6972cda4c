package io.turnfleet.relay.turn;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The relay's own addresses (design.md, safety defaults): its relay and advertised addresses, the
 * host's interface addresses and the addresses of the other relays of its fleet. At those addresses
 * only the relay port range is a peer, so calls between two clients through relayed addresses work
 * while the kubelet, admin ports, NodePorts and host daemons on the same addresses stay out of reach.
 *
 * <p>Immutable and published whole: the per-packet check reads it without locks and allocates
 * nothing (IPv4 is an int compare, IPv6 a hash compare before {@code equals}).
 */
public final class OwnAddresses {
    private static final OwnAddresses NONE = new OwnAddresses(new int[0], new InetAddress[0], 1, 65_535);

    private final int[] ipv4;
    private final InetAddress[] ipv6;
    private final int[] ipv6Hashes;
    private final int minPort;
    private final int maxPort;

    private OwnAddresses(int[] ipv4, InetAddress[] ipv6, int minPort, int maxPort) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.ipv6Hashes = new int[ipv6.length];
        for (int i = 0; i < ipv6.length; i++) {
            ipv6Hashes[i] = ipv6[i].hashCode();
        }
        this.minPort = minPort;
        this.maxPort = maxPort;
    }

    /** No own addresses: every peer port is permitted. */
    public static OwnAddresses none() {
        return NONE;
    }

    /**
     * The own addresses of a relay whose relay port range is {@code minPort}-{@code maxPort}.
     *
     * @param named    addresses named by --relay-ip, --external-ip and the fleet files
     *                 (--fleet-addresses-file, --alternate-servers-file): own even when loopback
     * @param others   the host's interface addresses, the addresses the relay binds and advertises
     *                 by default
     * @param loopbackPeersAllowed --allow-loopback-peers: a loopback address in {@code others} is not
     *                 own, so tests can run peers on the relay's loopback address
     */
    public static OwnAddresses of(Collection<InetAddress> named, Collection<InetAddress> others,
                                  boolean loopbackPeersAllowed, int minPort, int maxPort) {
        Set<InetAddress> all = new LinkedHashSet<>(named);
        for (InetAddress address : others) {
            if (!(loopbackPeersAllowed && address.isLoopbackAddress())) {
                all.add(address);
            }
        }
        List<Integer> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        for (InetAddress address : all) {
            if (address.isAnyLocalAddress()) {
                continue; // a wildcard bind stands for the interface addresses, which are listed themselves
            }
            if (address instanceof Inet4Address) {
                v4.add(address.hashCode()); // Inet4Address.hashCode() is the address itself
            } else {
                v6.add(address);
            }
        }
        return new OwnAddresses(v4.stream().mapToInt(Integer::intValue).toArray(), v6.toArray(new InetAddress[0]),
                minPort, maxPort);
    }

    /**
     * Whether data may go to (or come from) {@code port} at {@code address}: any port of an address
     * that is not the relay's own, only the relay port range at an own address. Allocation-free.
     */
    public boolean permits(InetAddress address, int port) {
        return (port >= minPort && port <= maxPort) || !isOwn(address);
    }

    public boolean isOwn(InetAddress address) {
        int hash = address.hashCode();
        if (address instanceof Inet4Address) {
            for (int own : ipv4) {
                if (own == hash) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < ipv6Hashes.length; i++) {
            if (ipv6Hashes[i] == hash && ipv6[i].equals(address)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return ipv4.length + ipv6.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OwnAddresses that && minPort == that.minPort && maxPort == that.maxPort
                && Arrays.equals(ipv4, that.ipv4) && Arrays.equals(ipv6, that.ipv6);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ipv4) * 31 + Arrays.hashCode(ipv6);
    }
}
