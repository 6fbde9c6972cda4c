package io.turnfleet.relay.net.udp;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class SocketAddressesTest {
    private final Arena arena = Arena.ofAuto();

    private MemorySegment sockaddr(SocketAddresses addresses, InetSocketAddress address) {
        MemorySegment name = arena.allocate(Libc.SOCKADDR_SIZE, 8);
        addresses.write(name, 0, address, address.getAddress().getAddress().length == 4);
        return name;
    }

    @Test
    void aSenderIsInternedAsOneObject() {
        SocketAddresses addresses = new SocketAddresses(16);
        MemorySegment name = sockaddr(addresses, new InetSocketAddress("198.51.100.7", 40_000));
        InetSocketAddress first = addresses.intern(name, 0);
        assertEquals(new InetSocketAddress("198.51.100.7", 40_000), first);
        assertSame(first, addresses.intern(name, 0));
    }

    @Test
    void aCollisionInTheSenderTableReturnsTheRightAddress() {
        // One slot: every sender collides with every other.
        SocketAddresses addresses = new SocketAddresses(1);
        InetSocketAddress a = new InetSocketAddress("198.51.100.7", 40_000);
        InetSocketAddress b = new InetSocketAddress("198.51.100.7", 40_001);
        InetSocketAddress c = new InetSocketAddress("2001:db8::7", 40_000);
        MemorySegment nameA = sockaddr(addresses, a);
        MemorySegment nameB = sockaddr(addresses, b);
        MemorySegment nameC = sockaddr(addresses, c);
        InetSocketAddress firstA = addresses.intern(nameA, 0);
        assertEquals(a, firstA);
        assertEquals(b, addresses.intern(nameB, 0));
        assertEquals(c, addresses.intern(nameC, 0));
        InetSocketAddress againA = addresses.intern(nameA, 0);
        assertEquals(a, againA);
        assertNotSame(firstA, againA);
    }

    @Test
    void ipv6SendersKeepTheirScope() throws Exception {
        SocketAddresses addresses = new SocketAddresses(16);
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        InetSocketAddress scoped = new InetSocketAddress(Inet6Address.getByAddress(null, linkLocal, 3), 5000);
        InetSocketAddress interned = addresses.intern(sockaddr(addresses, scoped), 0);
        assertEquals(scoped, interned);
        assertEquals(3, ((Inet6Address) interned.getAddress()).getScopeId());
    }

    @Test
    void anAddressOfTheOtherFamilyIsNotWritten() {
        SocketAddresses addresses = new SocketAddresses(16);
        MemorySegment name = arena.allocate(Libc.SOCKADDR_SIZE, 8);
        assertEquals(-1, addresses.write(name, 0, new InetSocketAddress("2001:db8::7", 1), true));
        assertEquals(-1, addresses.write(name, 0, new InetSocketAddress("192.0.2.1", 1), false));
        assertEquals(Libc.SOCKADDR_IN_LENGTH, addresses.write(name, 0, new InetSocketAddress("192.0.2.1", 1), true));
        assertEquals(Libc.SOCKADDR_IN6_LENGTH, addresses.write(name, 0, new InetSocketAddress("::1", 1), false));
    }
}
