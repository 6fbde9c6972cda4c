package io.turnfleet.relay.net.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The datagrams an event loop sends in one turn, in native memory: payloads side by side in an
 * arena, each with its iovec and destination sockaddr, chained per socket. {@link #flush()} sends
 * each socket's chain with one sendmmsg, in the order queued. When the arena or the message slots
 * run out, what is queued is flushed first. A datagram the kernel refuses (socket buffer full:
 * EAGAIN, or any error) is dropped and reported, never retried, never blocking.
 */
final class SendBatch implements AutoCloseable {
    private static final int ALIGN = 8;

    private final int capacity;
    private final int arenaBytes;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment payloads;
    private final long payloadBase;
    private final MemorySegment iovecs;
    private final MemorySegment names;
    private final MemorySegment headers;
    private final MemorySegment callState;
    private final SocketAddresses addresses;
    /** A ByteBuf over the whole arena; callers write one datagram into it at a time. */
    private final ByteBuf view;
    private final ByteBuffer copyTarget;
    private final int[] next;
    private final int[] nameLength;
    private final UdpSocket[] pendingSockets;
    private int pendingSocketCount;
    private int used;
    private int arenaUsed;
    private int openStart = -1;

    SendBatch(int capacity, int arenaBytes, SocketAddresses addresses) {
        this.capacity = capacity;
        this.arenaBytes = arenaBytes;
        this.addresses = addresses;
        payloads = arena.allocate(arenaBytes, 64);
        payloadBase = payloads.address();
        iovecs = arena.allocate(Libc.IOVEC_SIZE * capacity, 8);
        names = arena.allocate(Libc.SOCKADDR_SIZE * capacity, 8);
        headers = arena.allocate(Libc.MMSGHDR_SIZE * capacity, 8);
        callState = Libc.callState(arena);
        view = Unpooled.wrappedBuffer(payloads.asByteBuffer());
        copyTarget = payloads.asByteBuffer();
        next = new int[capacity];
        nameLength = new int[capacity];
        pendingSockets = new UdpSocket[capacity];
        for (int i = 0; i < capacity; i++) {
            long header = Libc.MMSGHDR_SIZE * i;
            headers.set(ValueLayout.JAVA_LONG, header + Libc.MSG_IOVLEN, 1);
            headers.set(ValueLayout.ADDRESS, header + Libc.MSG_CONTROL, MemorySegment.NULL);
            headers.set(ValueLayout.JAVA_LONG, header + Libc.MSG_CONTROLLEN, 0);
        }
    }

    /** Largest datagram the batch takes. */
    int maxDatagram() {
        return arenaBytes;
    }

    /**
     * Room for one datagram of up to {@code maxLength} bytes: a buffer whose writer index is where
     * it starts; write it, then {@link #commit}. Flushes first when the batch is full.
     */
    ByteBuf open(int maxLength) {
        if (used == capacity || arenaUsed + maxLength > arenaBytes) {
            flush();
        }
        openStart = arenaUsed;
        return view.setIndex(arenaUsed, arenaUsed);
    }

    /** Whether {@code buffer} is the batch's own (from {@link #open}): committed, never released. */
    boolean isOwn(ByteBuf buffer) {
        return buffer == view;
    }

    /** Queues the datagram written into the buffer {@link #open} returned. False when it cannot go to {@code to}. */
    boolean commit(UdpSocket socket, InetSocketAddress to) {
        int start = openStart;
        openStart = -1;
        if (start < 0) {
            return false;
        }
        int length = view.writerIndex() - start;
        int entry = used;
        int nameBytes = addresses.write(names, Libc.SOCKADDR_SIZE * entry, to, socket.isIpv4());
        if (nameBytes < 0 || length > arenaBytes - start) {
            return false;
        }
        used++;
        nameLength[entry] = nameBytes;
        iovecs.set(ValueLayout.JAVA_LONG, Libc.IOVEC_SIZE * entry, payloadBase + start);
        iovecs.set(ValueLayout.JAVA_LONG, Libc.IOVEC_SIZE * entry + 8, length);
        arenaUsed = (start + length + ALIGN - 1) & -ALIGN;
        next[entry] = -1;
        if (socket.pendingCount == 0) {
            socket.firstPending = entry;
            pendingSockets[pendingSocketCount++] = socket;
        } else {
            next[socket.lastPending] = entry;
        }
        socket.lastPending = entry;
        socket.pendingCount++;
        return true;
    }

    /** Copies {@code length} bytes of {@code source} from {@code index} into the batch, for {@code to}. */
    boolean copy(UdpSocket socket, ByteBuf source, int index, int length, InetSocketAddress to) {
        if (length > arenaBytes) {
            return false;
        }
        ByteBuf target = open(length);
        // Through NIO views that ByteBufs reuse: ByteBuf-to-ByteBuf copies build new views without Unsafe (Java 25).
        ByteBuffer from = source.nioBufferCount() == 1 ? source.internalNioBuffer(index, length)
                : source.nioBuffer(index, length);
        copyTarget.limit(arenaBytes).position(target.writerIndex());
        copyTarget.put(from);
        target.writerIndex(target.writerIndex() + length);
        return commit(socket, to);
    }

    boolean isEmpty() {
        return used == 0;
    }

    /** Sends every queued datagram: one sendmmsg per socket. */
    void flush() {
        for (int s = 0; s < pendingSocketCount; s++) {
            UdpSocket socket = pendingSockets[s];
            pendingSockets[s] = null;
            int count = 0;
            for (int entry = socket.firstPending; entry >= 0; entry = next[entry]) {
                long header = Libc.MMSGHDR_SIZE * count++;
                headers.set(ValueLayout.JAVA_LONG, header + Libc.MSG_NAME, names.address() + Libc.SOCKADDR_SIZE * entry);
                headers.set(ValueLayout.JAVA_INT, header + Libc.MSG_NAMELEN, nameLength[entry]);
                headers.set(ValueLayout.JAVA_LONG, header + Libc.MSG_IOV, iovecs.address() + Libc.IOVEC_SIZE * entry);
            }
            socket.firstPending = -1;
            socket.lastPending = -1;
            socket.pendingCount = 0;
            int dropped = socket.isClosed() ? count : send(socket.descriptor(), count);
            if (dropped > 0) {
                socket.sendFailed(dropped);
            }
        }
        pendingSocketCount = 0;
        used = 0;
        arenaUsed = 0;
    }

    /** Sends the first {@code count} headers on {@code fd}; returns how many were dropped. */
    private int send(int fd, int count) {
        int sent = 0;
        int dropped = 0;
        while (sent + dropped < count) {
            int done;
            try {
                int first = sent + dropped;
                MemorySegment from = first == 0 ? headers : headers.asSlice(Libc.MMSGHDR_SIZE * first);
                done = (int) Libc.SENDMMSG.invokeExact(callState, fd, from, count - first, Libc.MSG_DONTWAIT);
            } catch (Throwable e) {
                throw new IllegalStateException("sendmmsg downcall", e);
            }
            if (done > 0) {
                sent += done;
                continue;
            }
            int errno = Libc.errno(callState);
            if (errno == Libc.EINTR) {
                continue;
            }
            if (Libc.isAgain(errno)) {
                // The socket buffer is full: what is left would meet the same, and a relay never waits.
                return count - sent;
            }
            // This datagram was refused (e.g. EPERM from a firewall, EMSGSIZE): skip it, send the rest.
            dropped++;
        }
        return dropped;
    }

    @Override
    public void close() {
        arena.close();
    }
}
