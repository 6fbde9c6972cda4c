package io.turnfleet.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.turnfleet.bench.turn.Credentials;
import io.turnfleet.bench.turn.LongTermAuth;
import io.turnfleet.bench.turn.TurnRequests;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Messages as a relay receives them, written by the load generator's own client code, for the
 * benchmarks of the relay's hot paths. Buffers are pooled direct buffers, like the datagrams the
 * relay reads from its sockets.
 */
public final class StunFixtures {
    public static final String REALM = "bench";
    public static final Credentials CREDENTIALS = Credentials.staticUser("bench:secret");
    /** A Chrome-sized nonce: the relay's nonces are opaque text of about this length. */
    public static final String NONCE = "obMatJos2gAAAbVx0AvDXV1BnsqZtFW1Kq8rE7DaNl";
    public static final long TRANSACTION_HIGH = 0x0102030405060708L;
    public static final int TRANSACTION_LOW = 0x090A0B0C;

    private StunFixtures() {
    }

    /** The long-term key for {@link #CREDENTIALS} in {@link #REALM}. */
    public static byte[] key() {
        return CREDENTIALS.longTermKey(REALM);
    }

    /** An authenticated Allocate request (REQUESTED-TRANSPORT, USERNAME, REALM, NONCE, MESSAGE-INTEGRITY, FINGERPRINT). */
    public static ByteBuf authenticatedAllocate() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        TurnRequests.allocate(out, TRANSACTION_HIGH, TRANSACTION_LOW,
                new LongTermAuth(CREDENTIALS.username(), REALM, NONCE, key()));
        return out;
    }

    public static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
    }
}
