package io.turnfleet.relay.turn;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address range in CIDR notation ("10.0.0.0/8", "2001:db8::/32"; a plain address is
 * a /32 or /128). Parsing is strict: host bits must be zero. Membership tests take primitive
 * addresses so that policy checks do not allocate.
 */
public final class Cidr {

    private static final String EXPECTED = "expected ADDRESS/PREFIX such as 10.0.0.0/8 or 2001:db8::/32";

    private final boolean ipv6;
    private final int prefixLength;
    // IPv6: 128 bits in high:low. IPv4: the 32 bits in the low half of low, high unused.
    private final long high;
    private final long low;
    private final long highMask;
    private final long lowMask;

    private Cidr(boolean ipv6, int prefixLength, long high, long low) {
        this.ipv6 = ipv6;
        this.prefixLength = prefixLength;
        if (ipv6) {
            this.highMask = prefixMask(Math.min(prefixLength, 64));
            this.lowMask = prefixMask(Math.max(prefixLength - 64, 0));
        } else {
            this.highMask = 0;
            this.lowMask = prefixMask(prefixLength) >>> 32;
        }
        this.high = high;
        this.low = low;
    }

    /**
     * Parses "ADDRESS/PREFIX" or a plain address.
     *
     * @throws IllegalArgumentException whose message starts with the quoted value and says what was expected
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = IpLiteral.parse(addressText);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "': '" + addressText + "' is not an IP address (" + EXPECTED + ")");
        }
        int maxPrefix = address.length * 8;
        int prefix = slash < 0 ? maxPrefix : parsePrefix(text, text.substring(slash + 1), maxPrefix);
        Cidr exact = of(address, maxPrefix);
        Cidr cidr = of(address, prefix);
        if (!cidr.hasZeroHostBits(exact)) {
            Cidr network = cidr.network();
            throw new IllegalArgumentException("'" + text + "': host bits must be zero"
                    + " (expected the network address " + network + ")");
        }
        return cidr;
    }

    /** The range of {@code prefixLength} leading bits of a 4- or 16-byte address, host bits cleared. */
    public static Cidr of(byte[] address, int prefixLength) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes, not " + address.length);
        }
        if (prefixLength < 0 || prefixLength > address.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0-" + address.length * 8);
        }
        if (address.length == 4) {
            return new Cidr(false, prefixLength, 0, Integer.toUnsignedLong(Addresses.ipv4(address))).network();
        }
        return new Cidr(true, prefixLength, Addresses.high(address), Addresses.low(address)).network();
    }

    /** An IPv4 range from a 32-bit address. */
    public static Cidr ipv4(int address, int prefixLength) {
        return of(Addresses.ipv4Bytes(address), prefixLength);
    }

    private static int parsePrefix(String text, String prefixText, int maxPrefix) {
        boolean digits = !prefixText.isEmpty() && prefixText.length() <= 3
                && prefixText.chars().allMatch(c -> c >= '0' && c <= '9');
        int prefix = digits ? Integer.parseInt(prefixText) : -1;
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("'" + text + "': prefix length must be within 0-" + maxPrefix
                    + " for an IPv" + (maxPrefix == 32 ? "4" : "6") + " address (" + EXPECTED + ")");
        }
        return prefix;
    }

    private Cidr network() {
        return new Cidr(ipv6, prefixLength, high & highMask, low & lowMask);
    }

    private boolean hasZeroHostBits(Cidr exact) {
        return exact.high == high && exact.low == low;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The network address, 4 or 16 bytes (a new array). */
    public byte[] networkAddress() {
        return ipv6 ? Addresses.ipv6Bytes(high, low) : Addresses.ipv4Bytes((int) low);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** True when the 4- or 16-byte address is of this range's family and inside it. */
    public boolean contains(byte[] address) {
        if (address.length == 4) {
            return containsIpv4(Addresses.ipv4(address));
        }
        return address.length == 16 && containsIpv6(Addresses.high(address), Addresses.low(address));
    }

    public boolean containsIpv4(int address) {
        return !ipv6 && ((Integer.toUnsignedLong(address) ^ low) & lowMask) == 0;
    }

    public boolean containsIpv6(long addressHigh, long addressLow) {
        return ipv6 && ((addressHigh ^ high) & highMask) == 0 && ((addressLow ^ low) & lowMask) == 0;
    }

    private static long prefixMask(int bits) {
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && ipv6 == that.ipv6 && prefixLength == that.prefixLength
                && high == that.high && low == that.low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + prefixLength + (ipv6 ? 1 : 0);
    }

    @Override
    public String toString() {
        return IpLiteral.format(networkAddress()) + "/" + prefixLength;
    }
}
