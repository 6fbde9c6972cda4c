package io.turnfleet.relay.net.udp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Socket addresses between their C form (struct sockaddr_in / sockaddr_in6) and Java's, without
 * allocating in steady state. Received senders are interned: a direct-mapped table keyed by the raw
 * address returns the same {@link InetSocketAddress} for every datagram of a sender, so the relay's
 * lookups by address find it without a new object; a new sender (or one whose slot another took)
 * costs one allocation. Destinations are written from the address object: IPv4 from
 * {@code Inet4Address.hashCode()} (the address as an int), IPv6 from bytes cached by object identity.
 * One per event loop.
 */
final class SocketAddresses {
    static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt NET_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong NET_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort HOST_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final long IPV6_FLAG = 1L << 16;

    private final int mask;
    private final long[] high;
    private final long[] low;
    private final long[] rest;
    private final InetSocketAddress[] interned;
    private final Inet6Address[] ipv6Keys;
    private final byte[][] ipv6Bytes;

    /** {@code slots}: a power of two, the senders remembered at once. */
    SocketAddresses(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("sender table size " + slots + " is not a power of two");
        }
        mask = slots - 1;
        high = new long[slots];
        low = new long[slots];
        rest = new long[slots];
        interned = new InetSocketAddress[slots];
        ipv6Keys = new Inet6Address[64];
        ipv6Bytes = new byte[64][];
    }

    /** The sender in the sockaddr at {@code offset} of {@code names}, interned; null for a family other than IP. */
    InetSocketAddress intern(MemorySegment names, long offset) {
        int family = names.get(HOST_SHORT, offset);
        if (family != Libc.AF_INET && family != Libc.AF_INET6) {
            return null;
        }
        long hi = high(names, offset, family);
        long lo = low(names, offset, family);
        long key = rest(names, offset, family);
        int slot = slot(hi, lo, key);
        InetSocketAddress known = interned[slot];
        if (known != null && high[slot] == hi && low[slot] == lo && rest[slot] == key) {
            return known;
        }
        InetSocketAddress created = create(hi, lo, key);
        high[slot] = hi;
        low[slot] = lo;
        rest[slot] = key;
        interned[slot] = created;
        return created;
    }

    /** The IP socket address in the sockaddr at {@code offset} of {@code names}, not interned (a bound socket's). */
    static InetSocketAddress decode(MemorySegment names, long offset) {
        int family = names.get(HOST_SHORT, offset);
        if (family != Libc.AF_INET && family != Libc.AF_INET6) {
            throw new IllegalArgumentException("address family " + family + " is no IP family");
        }
        return create(high(names, offset, family), low(names, offset, family), rest(names, offset, family));
    }

    private static long high(MemorySegment names, long offset, int family) {
        return family == Libc.AF_INET ? 0 : names.get(NET_LONG, offset + 8);
    }

    private static long low(MemorySegment names, long offset, int family) {
        return family == Libc.AF_INET ? Integer.toUnsignedLong(names.get(NET_INT, offset + 4))
                : names.get(NET_LONG, offset + 16);
    }

    /** The port, the family, and for IPv6 the scope id. */
    private static long rest(MemorySegment names, long offset, int family) {
        long port = Short.toUnsignedInt(names.get(NET_SHORT, offset + 2));
        return family == Libc.AF_INET ? port : IPV6_FLAG | port | ((long) names.get(HOST_INT, offset + 24) << 32);
    }

    private int slot(long hi, long lo, long key) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ (key * 0x165667B19E3779F9L);
        return (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
    }

    private static InetSocketAddress create(long hi, long lo, long key) {
        int port = (int) (key & 0xFFFF);
        try {
            if ((key & IPV6_FLAG) == 0) {
                byte[] ip = {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
            byte[] ip = new byte[16];
            for (int i = 0; i < 8; i++) {
                ip[i] = (byte) (hi >>> (56 - 8 * i));
                ip[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            int scope = (int) (key >>> 32);
            InetAddress address = scope == 0 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, scope);
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 address bytes were given", e);
        }
    }

    /**
     * Writes {@code to} as a sockaddr at {@code offset} of {@code names}; returns its length, or -1
     * when it is no IP address of {@code ipv4}'s family (the socket cannot send there).
     */
    int write(MemorySegment names, long offset, InetSocketAddress to, boolean ipv4) {
        InetAddress address = to.getAddress();
        if (address instanceof Inet4Address && ipv4) {
            names.set(HOST_SHORT, offset, (short) Libc.AF_INET);
            names.set(NET_SHORT, offset + 2, (short) to.getPort());
            names.set(NET_INT, offset + 4, address.hashCode());
            names.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8, 0L);
            return Libc.SOCKADDR_IN_LENGTH;
        }
        if (address instanceof Inet6Address ipv6 && !ipv4) {
            return encode(names, offset, to, false, bytesOf(ipv6));
        }
        return -1;
    }

    /** Writes {@code to}, whose address bytes are {@code ip}, as a sockaddr of {@code ipv4}'s family; returns its length. */
    static int encode(MemorySegment names, long offset, InetSocketAddress to, boolean ipv4, byte[] ip) {
        if (ipv4) {
            names.set(HOST_SHORT, offset, (short) Libc.AF_INET);
            names.set(NET_SHORT, offset + 2, (short) to.getPort());
            MemorySegment.copy(ip, 0, names, ValueLayout.JAVA_BYTE, offset + 4, 4);
            names.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8, 0L);
            return Libc.SOCKADDR_IN_LENGTH;
        }
        names.set(HOST_SHORT, offset, (short) Libc.AF_INET6);
        names.set(NET_SHORT, offset + 2, (short) to.getPort());
        names.set(HOST_INT, offset + 4, 0);
        MemorySegment.copy(ip, 0, names, ValueLayout.JAVA_BYTE, offset + 8, 16);
        names.set(HOST_INT, offset + 24, to.getAddress() instanceof Inet6Address ipv6 ? ipv6.getScopeId() : 0);
        return Libc.SOCKADDR_IN6_LENGTH;
    }

    private byte[] bytesOf(Inet6Address address) {
        int slot = System.identityHashCode(address) & (ipv6Keys.length - 1);
        if (ipv6Keys[slot] != address) {
            ipv6Bytes[slot] = address.getAddress();
            ipv6Keys[slot] = address;
        }
        return ipv6Bytes[slot];
    }
}
