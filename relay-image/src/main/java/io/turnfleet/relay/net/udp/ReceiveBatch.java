package io.turnfleet.relay.net.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;

/**
 * Native memory for one recvmmsg: {@code size} message headers, each with its iovec, its sender
 * sockaddr and a payload slot. The slots are direct ByteBufs allocated once, so a datagram reaches the
 * relay's handlers as a ByteBuf without a copy. Read into again by every socket of one event loop;
 * should a handler still hold a slot when the next read comes, that slot is replaced.
 */
final class ReceiveBatch implements AutoCloseable {
    private final int size;
    private final int slotSize;
    private final ByteBufAllocator allocator;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment headers;
    private final MemorySegment iovecs;
    private final MemorySegment names;
    private final MemorySegment callState;
    private final ByteBuf[] slots;

    ReceiveBatch(int size, int slotSize, ByteBufAllocator allocator) {
        this.size = size;
        this.slotSize = slotSize;
        this.allocator = allocator;
        headers = arena.allocate(Libc.MMSGHDR_SIZE * size, 8);
        iovecs = arena.allocate(Libc.IOVEC_SIZE * size, 8);
        names = arena.allocate(Libc.SOCKADDR_SIZE * size, 8);
        callState = Libc.callState(arena);
        slots = new ByteBuf[size];
        for (int i = 0; i < size; i++) {
            long header = Libc.MMSGHDR_SIZE * i;
            headers.set(ValueLayout.ADDRESS, header + Libc.MSG_NAME, names.asSlice(Libc.SOCKADDR_SIZE * i));
            headers.set(ValueLayout.ADDRESS, header + Libc.MSG_IOV, iovecs.asSlice(Libc.IOVEC_SIZE * i));
            headers.set(ValueLayout.JAVA_LONG, header + Libc.MSG_IOVLEN, 1);
            headers.set(ValueLayout.ADDRESS, header + Libc.MSG_CONTROL, MemorySegment.NULL);
            headers.set(ValueLayout.JAVA_LONG, header + Libc.MSG_CONTROLLEN, 0);
            newSlot(i);
        }
    }

    int size() {
        return size;
    }

    private void newSlot(int i) {
        ByteBuf slot = allocator.directBuffer(slotSize, slotSize);
        slots[i] = slot;
        long base = MemorySegment.ofBuffer(slot.nioBuffer(0, slotSize)).address();
        iovecs.set(ValueLayout.JAVA_LONG, Libc.IOVEC_SIZE * i, base);
        iovecs.set(ValueLayout.JAVA_LONG, Libc.IOVEC_SIZE * i + 8, slotSize);
    }

    /** Reads up to {@link #size()} datagrams from {@code fd}; returns how many, or minus errno (EAGAIN: none waiting). */
    int receive(int fd) {
        for (int i = 0; i < size; i++) {
            if (slots[i].refCnt() != 1) {
                slots[i].release();
                newSlot(i);
            }
            headers.set(ValueLayout.JAVA_INT, Libc.MMSGHDR_SIZE * i + Libc.MSG_NAMELEN, (int) Libc.SOCKADDR_SIZE);
        }
        int received;
        try {
            received = (int) Libc.RECVMMSG.invokeExact(callState, fd, headers, size, Libc.MSG_DONTWAIT,
                    MemorySegment.NULL);
        } catch (Throwable e) {
            throw new IllegalStateException("recvmmsg downcall", e);
        }
        return received >= 0 ? received : -Libc.errno(callState);
    }

    /** Whether datagram {@code i} of the last receive was larger than its slot (and so cut). */
    boolean truncated(int i) {
        return (headers.get(ValueLayout.JAVA_INT, Libc.MMSGHDR_SIZE * i + Libc.MSG_FLAGS) & Libc.MSG_TRUNC) != 0;
    }

    /** Datagram {@code i} of the last receive; valid until the next receive. */
    ByteBuf datagram(int i) {
        int length = headers.get(ValueLayout.JAVA_INT, Libc.MMSGHDR_SIZE * i + Libc.MSG_LEN);
        return slots[i].setIndex(0, length);
    }

    InetSocketAddress sender(int i, SocketAddresses addresses) {
        return addresses.intern(names, Libc.SOCKADDR_SIZE * i);
    }

    @Override
    public void close() {
        for (ByteBuf slot : slots) {
            slot.release();
        }
        arena.close();
    }
}
