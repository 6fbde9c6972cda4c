package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies bytes out of a buffer without a view object. Netty's {@code getBytes(int, byte[])} on a pooled
 * direct buffer makes a new {@code ByteBuffer} view for every call when it may not use sun.misc.Unsafe,
 * which is its default from Java 25 on (even where it reports a memory address); for the few dozen
 * bytes of a STUN message, reading eight bytes at a time through the absolute getters costs less than
 * that view.
 */
public final class BufferBytes {
    private static final VarHandle LONG_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    private BufferBytes() {
    }

    /** Copies {@code length} bytes from {@code buf} at {@code index} into {@code dst} at {@code dstIndex}. */
    public static void copy(ByteBuf buf, int index, byte[] dst, int dstIndex, int length) {
        if (buf.hasArray()) {
            buf.getBytes(index, dst, dstIndex, length);
            return;
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            LONG_BIG_ENDIAN.set(dst, dstIndex + i, buf.getLong(index + i));
        }
        for (; i < length; i++) {
            dst[dstIndex + i] = buf.getByte(index + i);
        }
    }
}
