package io.turnfleet.relay.turn;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's peer address policy (design.md, safety defaults).
 *
 * <ul>
 *   <li>Always denied, whatever the allow list says: unspecified (0.0.0.0/8, ::), link-local
 *       (169.254.0.0/16 with cloud metadata endpoints, fe80::/10), multicast (224.0.0.0/4, ff00::/8) and
 *       reserved/broadcast (240.0.0.0/4).</li>
 *   <li>Loopback (127.0.0.0/8, ::1) only when {@code allowLoopback} is set.</li>
 *   <li>Private and internal ranges denied unless the allow list covers the address.</li>
 *   <li>The deny list always wins.</li>
 *   <li>An IPv6 address that embeds an IPv4 address is judged by its own IPv6 range and by every IPv4
 *       address embedded in it; both must be permitted. Otherwise {@code ::ffff:169.254.169.254},
 *       {@code 2002:a9fe:a9fe::} or {@code 64:ff9b::7f00:1} would reach what the IPv4 rules deny through
 *       a translator or the host's dual-stack socket.</li>
 * </ul>
 */
public final class PeerAddressPolicy implements PeerPolicy {

    private static final Cidr[] ALWAYS_DENIED_IPV4 = cidrs("0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4");
    private static final Cidr LOOPBACK_IPV4 = Cidr.parse("127.0.0.0/8");
    private static final Cidr[] PRIVATE_IPV4 = cidrs("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15");

    private static final Cidr[] ALWAYS_DENIED_IPV6 = cidrs("::/128", "fe80::/10", "ff00::/8");
    private static final Cidr LOOPBACK_IPV6 = Cidr.parse("::1/128");
    private static final Cidr[] PRIVATE_IPV6 = cidrs("fc00::/7", "fec0::/10");

    private static final long MAPPED_MARKER = 0x0000_ffffL;           // ::ffff:0:0/96, RFC 4291 §2.5.5.2
    private static final long TRANSLATED_MARKER = 0xffff_0000L;       // ::ffff:0:0:0/96, RFC 2765 §2.1 (SIIT)
    private static final long NAT64_WELL_KNOWN_HIGH = 0x0064_ff9b_0000_0000L; // 64:ff9b::/96, RFC 6052
    private static final long NAT64_LOCAL_PREFIX = 0x0064_ff9b_0001L;  // 64:ff9b:1::/48, RFC 8215
    private static final int SIX_TO_FOUR_PREFIX = 0x2002;              // 2002::/16, RFC 3056
    private static final long TEREDO_PREFIX = 0x2001_0000L;            // 2001::/32, RFC 4380

    private final Cidr[] allow;
    private final Cidr[] deny;
    private final boolean allowLoopback;

    /**
     * @param allow ranges permitted in addition to the public defaults (opens private ranges only)
     * @param deny ranges always denied; wins over {@code allow}
     * @param allowLoopback permit 127.0.0.0/8 and ::1 (tests only)
     */
    public PeerAddressPolicy(List<Cidr> allow, List<Cidr> deny, boolean allowLoopback) {
        this.allow = withIpv4Equivalents(allow);
        this.deny = withIpv4Equivalents(deny);
        this.allowLoopback = allowLoopback;
    }

    /** The safety defaults alone: no allow or deny list, loopback denied. */
    public static PeerAddressPolicy defaults() {
        return new PeerAddressPolicy(List.of(), List.of(), false);
    }

    @Override
    public boolean permits(InetAddress peer) {
        return permits(peer.getAddress());
    }

    /** Judges a 4- or 16-byte address without allocating; other lengths are denied. */
    public boolean permits(byte[] address) {
        if (address.length == 4) {
            return permitsIpv4(Addresses.ipv4(address));
        }
        return address.length == 16 && permitsIpv6(Addresses.high(address), Addresses.low(address));
    }

    public boolean permitsIpv4(int address) {
        if (anyContainsIpv4(ALWAYS_DENIED_IPV4, address) || anyContainsIpv4(deny, address)) {
            return false;
        }
        if (LOOPBACK_IPV4.containsIpv4(address)) {
            return allowLoopback;
        }
        return !anyContainsIpv4(PRIVATE_IPV4, address) || anyContainsIpv4(allow, address);
    }

    public boolean permitsIpv6(long high, long low) {
        return permitsOwnIpv6Range(high, low) && permitsEmbeddedIpv4(high, low);
    }

    private boolean permitsOwnIpv6Range(long high, long low) {
        if (anyContainsIpv6(ALWAYS_DENIED_IPV6, high, low) || anyContainsIpv6(deny, high, low)) {
            return false;
        }
        if (LOOPBACK_IPV6.containsIpv6(high, low)) {
            return allowLoopback;
        }
        return !anyContainsIpv6(PRIVATE_IPV6, high, low) || anyContainsIpv6(allow, high, low);
    }

    private boolean permitsEmbeddedIpv4(long high, long low) {
        int lastWord = (int) low;
        long secondLastWord = low >>> 32;
        if (high == 0) {
            boolean embeds = secondLastWord == MAPPED_MARKER || secondLastWord == TRANSLATED_MARKER
                    // IPv4-compatible ::/96, RFC 4291 §2.5.5.1 (:: and ::1 were judged as themselves)
                    || (secondLastWord == 0 && Integer.compareUnsigned(lastWord, 1) > 0);
            return !embeds || permitsIpv4(lastWord);
        }
        if ((high == NAT64_WELL_KNOWN_HIGH && secondLastWord == 0) || high >>> 16 == NAT64_LOCAL_PREFIX) {
            return permitsIpv4(lastWord);
        }
        if (high >>> 48 == SIX_TO_FOUR_PREFIX) {
            return permitsIpv4((int) (high >>> 16));
        }
        if (high >>> 32 == TEREDO_PREFIX) {
            // RFC 4380 §4: server IPv4 in bits 32-63, client IPv4 in the last 32 bits, inverted.
            return permitsIpv4((int) high) && permitsIpv4(~lastWord);
        }
        return true;
    }

    private static boolean anyContainsIpv4(Cidr[] ranges, int address) {
        for (Cidr range : ranges) {
            if (range.containsIpv4(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyContainsIpv6(Cidr[] ranges, long high, long low) {
        for (Cidr range : ranges) {
            if (range.containsIpv6(high, low)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the IPv4 range of every range inside ::ffff:0:0/96, because an IPv4-mapped peer may arrive
     * as an IPv4 address ({@link InetAddress} converts them).
     */
    private static Cidr[] withIpv4Equivalents(List<Cidr> ranges) {
        List<Cidr> all = new ArrayList<>(ranges);
        for (Cidr range : ranges) {
            byte[] network = range.networkAddress();
            if (range.isIpv6() && range.prefixLength() >= 96 && Addresses.high(network) == 0
                    && Addresses.low(network) >>> 32 == MAPPED_MARKER) {
                all.add(Cidr.ipv4((int) Addresses.low(network), range.prefixLength() - 96));
            }
        }
        return all.toArray(new Cidr[0]);
    }

    private static Cidr[] cidrs(String... texts) {
        Cidr[] out = new Cidr[texts.length];
        for (int i = 0; i < texts.length; i++) {
            out[i] = Cidr.parse(texts[i]);
        }
        return out;
    }
}
