package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile input: random and mutated datagrams reach the parser, and the only exception that may
 * come out of parsing or of any accessor on a parsed message is {@link StunParseException}.
 * Each case draws from its own {@code Random(SEED, family, case)}, so a failure names the case to
 * replay; {@code -Dstun.fuzz.seed=N} explores other inputs.
 */
class StunMessageFuzzTest {
    private static final long SEED = Long.getLong("stun.fuzz.seed", 0x5354554E_2112A442L);
    private static final int CASES_PER_FAMILY = 12_000;
    private static final byte[][] KEYS = {
        Rfc5769Vector.named(Rfc5769Vector.SAMPLE_REQUEST).integrityKey(),
        Rfc5769Vector.named(Rfc5769Vector.SAMPLE_REQUEST_LONG_TERM).integrityKey(),
        new byte[16],
    };
    private static final int[] INTERESTING_TYPES = {
        AttributeType.MAPPED_ADDRESS, AttributeType.XOR_MAPPED_ADDRESS, AttributeType.XOR_PEER_ADDRESS,
        AttributeType.XOR_RELAYED_ADDRESS, AttributeType.ALTERNATE_SERVER, AttributeType.USERNAME,
        AttributeType.MESSAGE_INTEGRITY, AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.FINGERPRINT,
        AttributeType.ERROR_CODE, AttributeType.UNKNOWN_ATTRIBUTES, AttributeType.LIFETIME,
        AttributeType.RESERVATION_TOKEN, AttributeType.REQUESTED_TRANSPORT, AttributeType.CHANNEL_NUMBER,
        AttributeType.DATA, AttributeType.EVEN_PORT, 0x0002, 0x7FFF, 0x8030, 0xFFFF,
    };

    private static List<byte[]> seeds;
    private static ByteBuf arena;
    private final StunMessage reused = new StunMessage();

    @BeforeAll
    static void allocate() {
        seeds = new ArrayList<>();
        Rfc5769Vector.all().forEach(v -> seeds.add(v.bytes()));
        BrowserCapture.all().forEach(c -> seeds.add(c.message()));
        seeds.addAll(writtenMessages());
        arena = PooledByteBufAllocator.DEFAULT.directBuffer(70_000, 70_000);
    }

    @AfterAll
    static void release() {
        assertThat(arena.release()).isTrue();
    }

    @Test
    void randomBytesOnlyEverRaiseStunParseException() {
        fuzz("random", random -> {
            byte[] bytes = randomBytes(random, random.nextInt(random.nextInt(10) == 0 ? 400 : 60));
            if (bytes.length >= StunMessage.HEADER_LENGTH && random.nextBoolean()) {
                // Half get a plausible header, else the cookie alone refuses nearly all of them.
                bytes[0] &= 0x3F;
                ByteBuffer.wrap(bytes, 4, 4).putInt(StunMessage.MAGIC_COOKIE);
                setHeaderLength(bytes, bytes.length - StunMessage.HEADER_LENGTH);
            }
            return bytes;
        });
    }

    @Test
    void randomAttributesBehindAValidHeaderOnlyEverRaiseStunParseException() {
        fuzz("random-attributes", random -> {
            ByteBuffer body = ByteBuffer.allocate(4 * random.nextInt(80));
            while (body.remaining() >= 4) {
                int type = INTERESTING_TYPES[random.nextInt(INTERESTING_TYPES.length)];
                int maxValue = body.remaining() - 4;
                int length = random.nextInt(8) == 0 ? random.nextInt(0x10000) : random.nextInt(Math.min(maxValue, 40) + 1);
                body.putShort((short) type).putShort((short) length);
                int value = Math.min((length + 3) & ~3, body.remaining());
                byte[] bytes = randomBytes(random, value);
                if (value >= 2 && random.nextBoolean()) {
                    bytes[1] = (byte) (random.nextInt(4));
                }
                body.put(bytes);
            }
            return withHeader(random, body.array());
        });
    }

    @Test
    void bitFlippedMessagesOnlyEverRaiseStunParseException() {
        fuzz("bit-flips", random -> {
            byte[] bytes = seed(random);
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int bit = random.nextInt(bytes.length * 8);
                bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            return bytes;
        });
    }

    @Test
    void truncatedMessagesOnlyEverRaiseStunParseException() {
        fuzz("truncation", random -> {
            byte[] seed = seed(random);
            byte[] bytes = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            if (bytes.length >= 4 && random.nextBoolean()) {
                setHeaderLength(bytes, bytes.length - StunMessage.HEADER_LENGTH);
            }
            return bytes;
        });
    }

    @Test
    void lengthFieldEditsOnlyEverRaiseStunParseException() {
        fuzz("length-edits", random -> {
            byte[] bytes = seed(random);
            List<Integer> lengthFields = attributeLengthOffsets(bytes);
            lengthFields.add(2);
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                int offset = lengthFields.get(random.nextInt(lengthFields.size()));
                int old = ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
                int length = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x10000);
                    case 1 -> old + random.nextInt(9) - 4;
                    case 2 -> old + 4 * (random.nextInt(5) - 2);
                    default -> random.nextBoolean() ? 0 : 0xFFFF;
                };
                bytes[offset] = (byte) (length >>> 8);
                bytes[offset + 1] = (byte) length;
            }
            return bytes;
        });
    }

    @Test
    void insertedAndDeletedBytesOnlyEverRaiseStunParseException() {
        fuzz("splices", random -> {
            byte[] seed = seed(random);
            int at = StunMessage.HEADER_LENGTH + random.nextInt(seed.length - StunMessage.HEADER_LENGTH + 1);
            int count = 1 + random.nextInt(8);
            byte[] bytes;
            if (random.nextBoolean()) {
                bytes = new byte[seed.length + count];
                System.arraycopy(seed, 0, bytes, 0, at);
                System.arraycopy(randomBytes(random, count), 0, bytes, at, count);
                System.arraycopy(seed, at, bytes, at + count, seed.length - at);
            } else {
                int removed = Math.min(count, seed.length - at);
                bytes = new byte[seed.length - removed];
                System.arraycopy(seed, 0, bytes, 0, at);
                System.arraycopy(seed, at + removed, bytes, at, seed.length - at - removed);
            }
            if (random.nextInt(4) != 0) {
                setHeaderLength(bytes, bytes.length - StunMessage.HEADER_LENGTH);
            }
            return bytes;
        });
    }

    @Test
    void oversizeAndBoundaryLengthsOnlyEverRaiseStunParseException() {
        fuzz("sizes", random -> {
            int size = switch (random.nextInt(4)) {
                case 0 -> StunMessage.MAX_LENGTH - 8 + random.nextInt(16);
                case 1 -> StunMessage.HEADER_LENGTH - 2 + random.nextInt(4);
                case 2 -> 65_552 + random.nextInt(8);
                default -> random.nextInt(2_000);
            };
            byte[] body = new byte[Math.max(0, size - StunMessage.HEADER_LENGTH)];
            if (body.length >= 4) {
                ByteBuffer.wrap(body).putShort((short) AttributeType.DATA).putShort((short) (body.length - 4));
            }
            byte[] bytes = withHeader(random, body);
            return size < StunMessage.HEADER_LENGTH ? Arrays.copyOf(bytes, size) : bytes;
        }, CASES_PER_FAMILY / 20);
    }

    private void fuzz(String family, Function<Random, byte[]> generator) {
        fuzz(family, generator, CASES_PER_FAMILY);
    }

    private void fuzz(String family, Function<Random, byte[]> generator, int cases) {
        int parsed = 0;
        int refused = 0;
        for (int n = 0; n < cases; n++) {
            Random random = new Random(SEED ^ (family.hashCode() * 0x9E3779B97F4A7C15L) ^ n);
            byte[] input = generator.apply(random);
            int prefix = random.nextInt(4) == 0 ? 1 + random.nextInt(7) : 0;
            try {
                if (feed(input, prefix)) {
                    parsed++;
                } else {
                    refused++;
                }
            } catch (RuntimeException | AssertionError e) {
                fail("%s case %d (seed %d, %d bytes at offset %d) threw %s: %s%n input %s", family, n, SEED,
                        input.length, prefix, e.getClass().getName(), e.getMessage(), HexFormat.of().formatHex(input), e);
            }
        }
        assertThat(parsed).as("%s: inputs that parsed", family).isPositive();
        assertThat(refused).as("%s: inputs that were refused", family).isPositive();
    }

    /**
     * Parses {@code input}, placed after {@code prefix} junk bytes in a view whose capacity ends
     * where the input ends (so any read past the end throws), and exercises every accessor.
     * Returns whether it parsed.
     */
    private boolean feed(byte[] input, int prefix) {
        arena.clear();
        arena.writeBytes(new byte[prefix]).writeBytes(input);
        ByteBuf view = arena.slice(0, prefix + input.length);
        view.readerIndex(prefix);
        try {
            reused.readFrom(view);
        } catch (StunParseException refused) {
            check(!refused.getMessage().isBlank(), "the refusal says why");
            return false;
        }
        assertSameAsFreshParse(view);
        for (int i = 0; i < reused.attributeCount(); i++) {
            exerciseAccessors(i);
        }
        reused.unknownComprehensionRequired();
        reused.hasUnknownComprehensionRequired();
        reused.transactionId();
        reused.toString();
        for (byte[] key : KEYS) {
            MessageIntegrity.verify(reused, key);
        }
        Fingerprint.verify(reused);
        check(view.readerIndex() == prefix, "parsing borrows the buffer without reading from it");
        return true;
    }

    private void exerciseAccessors(int index) {
        int length = reused.valueLength(index);
        check(reused.valueOffset(index) + length <= reused.start() + reused.totalLength(), "value inside the message");
        reused.text(index);
        try {
            reused.unsignedInt(index);
        } catch (StunParseException e) {
            check(length != 4, "unsignedInt refused a 4-byte value");
        }
        try {
            reused.longValue(index);
        } catch (StunParseException e) {
            check(length != 8, "longValue refused an 8-byte value");
        }
        try {
            reused.firstByte(index);
        } catch (StunParseException e) {
            check(length == 0, "firstByte refused a non-empty value");
        }
        try {
            InetSocketAddress xor = reused.xorAddress(index);
            InetSocketAddress plain = reused.plainAddress(index);
            check((xor.getPort() ^ plain.getPort()) == StunMessage.MAGIC_COOKIE >>> 16, "port XORed with the cookie");
        } catch (StunParseException e) {
            check(e.getMessage().startsWith("address attribute"), "address error names the attribute");
        }
    }

    /** Plain checks: this runs for every attribute of every case, where assertion objects add up. */
    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private void assertSameAsFreshParse(ByteBuf view) {
        StunMessage fresh;
        try {
            fresh = StunMessage.parse(view);
        } catch (StunParseException e) {
            throw new AssertionError("a fresh parse refused what the reused message accepted: " + e.getMessage());
        }
        check(reused.attributeCount() == fresh.attributeCount(), "same attribute count as a fresh parse");
        for (int i = 0; i < fresh.attributeCount(); i++) {
            check(reused.attributeType(i) == fresh.attributeType(i)
                    && reused.valueOffset(i) == fresh.valueOffset(i)
                    && reused.valueLength(i) == fresh.valueLength(i), "same attribute " + i + " as a fresh parse");
        }
        check(reused.integrityIndex() == fresh.integrityIndex()
                && reused.integritySha256Index() == fresh.integritySha256Index()
                && reused.fingerprintIndex() == fresh.fingerprintIndex(), "same integrity and fingerprint as a fresh parse");
    }

    private static byte[] seed(Random random) {
        return seeds.get(random.nextInt(seeds.size())).clone();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] withHeader(Random random, byte[] body) {
        int type = random.nextInt(0x4000);
        return ByteBuffer.allocate(StunMessage.HEADER_LENGTH + body.length)
                .putShort((short) type).putShort((short) body.length).putInt(StunMessage.MAGIC_COOKIE)
                .putLong(random.nextLong()).putInt(random.nextInt())
                .put(body).array();
    }

    private static void setHeaderLength(byte[] bytes, int length) {
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
    }

    /** Offsets of the attribute length fields of a well-formed message. */
    private static List<Integer> attributeLengthOffsets(byte[] message) {
        List<Integer> offsets = new ArrayList<>();
        int position = StunMessage.HEADER_LENGTH;
        while (position + 4 <= message.length) {
            offsets.add(position + 2);
            int length = ((message[position + 2] & 0xFF) << 8) | (message[position + 3] & 0xFF);
            position += 4 + ((length + 3) & ~3);
        }
        return offsets;
    }

    /** Messages of the kinds the relay itself writes, so every attribute shape is mutated too. */
    private static List<byte[]> writtenMessages() {
        InetSocketAddress v4 = TransportAddress.of("203.0.113.10:49152");
        InetSocketAddress v6 = TransportAddress.of("[2001:db8::10]:49153");
        byte[] key = KEYS[1];
        List<byte[]> messages = new ArrayList<>();
        try (Datagram a = Datagram.empty(); Datagram b = Datagram.empty(); Datagram c = Datagram.empty()) {
            StunWriter.start(a.buf(), Method.ALLOCATE, MessageClass.SUCCESS_RESPONSE, 1, 2)
                    .xorAddress(AttributeType.XOR_RELAYED_ADDRESS, v4).xorAddress(AttributeType.XOR_RELAYED_ADDRESS, v6)
                    .xorAddress(AttributeType.XOR_MAPPED_ADDRESS, v6).plainAddress(AttributeType.MAPPED_ADDRESS, v4)
                    .unsignedInt(AttributeType.LIFETIME, 600).longValue(AttributeType.RESERVATION_TOKEN, 7)
                    .text(AttributeType.SOFTWARE, "TurnFleet").integrity(key).integritySha256(key).fingerprint();
            StunWriter.start(b.buf(), Method.ALLOCATE, MessageClass.ERROR_RESPONSE, 3, 4)
                    .errorCode(420, "Unknown Attribute").unknownAttributes(new int[] {0x0002, 0x7FFF, 0x001E})
                    .errorCode(AttributeType.ADDRESS_ERROR_CODE, XorAddress.FAMILY_IPV6, 440, "Address Family not Supported")
                    .plainAddress(AttributeType.ALTERNATE_SERVER, v6)
                    .text(AttributeType.REALM, "turnfleet").text(AttributeType.NONCE, "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA")
                    .fingerprint();
            StunWriter.start(c.buf(), Method.SEND, MessageClass.INDICATION, 5, 6)
                    .xorAddress(AttributeType.XOR_PEER_ADDRESS, v4).bytes(AttributeType.DATA, "hello".getBytes(StandardCharsets.UTF_8))
                    .leadingByte(AttributeType.REQUESTED_TRANSPORT, 17, 4).leadingByte(AttributeType.EVEN_PORT, 0x80, 1)
                    .empty(AttributeType.DONT_FRAGMENT).unsignedInt(AttributeType.CHANNEL_NUMBER, 0x40010000L)
                    .fingerprint();
            messages.add(a.bytes());
            messages.add(b.bytes());
            messages.add(c.bytes());
        }
        return messages;
    }
}
