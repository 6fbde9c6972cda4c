package io.turnfleet.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.MessageIntegrity;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.stun.StunWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The relay's STUN codec on the control path: parse a typical authenticated Allocate request,
 * verify its MESSAGE-INTEGRITY, encode the success response. Run with {@code -prof gc} to see the
 * bytes allocated per operation ({@code gc.alloc.rate.norm}); see bench/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseParallelGC"})
public class StunCodecBenchmark {
    private static final InetSocketAddress RELAYED = StunFixtures.address("203.0.113.7", 49_152);
    private static final InetSocketAddress CLIENT = StunFixtures.address("198.51.100.20", 54_321);

    private ByteBuf request;
    private ByteBuf response;
    private byte[] key;
    private final StunMessage reused = new StunMessage();
    private final StunMessage parsed = new StunMessage();

    @Setup(Level.Trial)
    public void setUp() throws StunParseException {
        request = StunFixtures.authenticatedAllocate();
        response = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        key = StunFixtures.key();
        parsed.readFrom(request);
        if (!MessageIntegrity.verify(parsed, key)) {
            throw new IllegalStateException("fixture request does not verify with its own key");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        request.release();
        response.release();
    }

    /** Header and attribute framing into a reused message: what the relay does for every request. */
    @Benchmark
    public int parseAllocateRequest() throws StunParseException {
        reused.readFrom(request);
        return reused.attributeCount();
    }

    /** HMAC-SHA1 over the request with the cached long-term key (RFC 8489 §14.5). */
    @Benchmark
    public boolean verifyIntegrity() {
        return MessageIntegrity.verify(parsed, key);
    }

    /** Allocate success: XOR-RELAYED-ADDRESS, XOR-MAPPED-ADDRESS, LIFETIME, MESSAGE-INTEGRITY, FINGERPRINT. */
    @Benchmark
    public int encodeAllocateSuccess() {
        response.clear();
        return StunWriter.response(response, parsed, MessageClass.SUCCESS_RESPONSE)
                .xorAddress(AttributeType.XOR_RELAYED_ADDRESS, RELAYED)
                .xorAddress(AttributeType.XOR_MAPPED_ADDRESS, CLIENT)
                .unsignedInt(AttributeType.LIFETIME, 600)
                .integrity(key)
                .fingerprint()
                .length();
    }
}
