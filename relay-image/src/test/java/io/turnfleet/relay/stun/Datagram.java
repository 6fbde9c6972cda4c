package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes of one datagram in a pooled direct buffer, as the relay's listeners receive them.
 * Closing releases the buffer and asserts that this was its last reference, so a test that
 * retains or leaks it fails (the surefire run also sets Netty's paranoid leak detection).
 */
final class Datagram implements AutoCloseable {
    private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    private final ByteBuf buf;

    private Datagram(ByteBuf buf) {
        this.buf = buf;
    }

    /** A buffer holding exactly {@code bytes}: its capacity ends where the message ends. */
    static Datagram of(byte[] bytes) {
        // A maximum capacity of 0 would get the allocator's shared empty buffer, which never frees.
        ByteBuf buf = ALLOCATOR.directBuffer(bytes.length, Math.max(bytes.length, 1));
        buf.writeBytes(bytes);
        return new Datagram(buf);
    }

    static Datagram ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** As {@link #of} but on the heap, the other kind of buffer a pipeline may hand over. */
    static Datagram onHeap(byte[] bytes) {
        ByteBuf buf = ALLOCATOR.heapBuffer(bytes.length, Math.max(bytes.length, 1));
        buf.writeBytes(bytes);
        return new Datagram(buf);
    }

    /** An empty buffer for a {@link StunWriter} to write into. */
    static Datagram empty() {
        return new Datagram(ALLOCATOR.directBuffer(512));
    }

    ByteBuf buf() {
        return buf;
    }

    /** A copy of the readable bytes. */
    byte[] bytes() {
        return ByteBufUtil.getBytes(buf);
    }

    StunMessage parse() throws StunParseException {
        return StunMessage.parse(buf);
    }

    @Override
    public void close() {
        assertThat(buf.release()).as("releasing the datagram frees its buffer").isTrue();
    }
}
