package io.turnfleet.relay.net.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * A non-blocking UDP socket opened through the FFM API and driven by a Netty epoll event loop
 * without a Netty channel: the loop reports readiness, the socket reads batches with recvmmsg into
 * its loop's {@link ReceiveBatch} and queues what it sends in the loop's {@link SendBatch}. Nothing
 * is allocated per datagram. Every method but {@link #open} runs on the socket's event loop.
 */
public final class UdpSocket implements EpollIoHandle {
    /** Batches read per readiness event before other sockets of the loop get their turn. */
    private static final int BATCHES_PER_TURN = 4;

    private final int fd;
    private final FileDescriptor descriptor;
    private final boolean ipv4;
    private final InetSocketAddress localAddress;
    private DatagramHandler handler;
    private UdpLoop loop;
    private IoRegistration registration;
    private boolean closed;
    // The socket's chain in its loop's SendBatch.
    int firstPending = -1;
    int lastPending = -1;
    int pendingCount;

    private UdpSocket(int fd, boolean ipv4, InetSocketAddress localAddress) {
        this.fd = fd;
        this.descriptor = new FileDescriptor(fd);
        this.ipv4 = ipv4;
        this.localAddress = localAddress;
    }

    /** Whether the native socket calls link on this platform (Linux x86_64 or aarch64). */
    public static boolean isAvailable() {
        try {
            return Libc.RECVMMSG != null && isLinux64();
        } catch (Throwable e) {
            return false;
        }
    }

    private static boolean isLinux64() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux") && ("amd64".equals(arch) || "aarch64".equals(arch));
    }

    /**
     * Opens a socket bound to {@code local} (IPV6_V6ONLY for IPv6: each family has sockets of its own),
     * with {@code bufferBytes} for SO_RCVBUF and SO_SNDBUF when positive, and SO_REUSEPORT when asked.
     */
    public static UdpSocket open(InetSocketAddress local, int bufferBytes, boolean reusePort) throws UdpSocketException {
        boolean ipv4 = local.getAddress() instanceof Inet4Address;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) Libc.SOCKET.invokeExact(state, ipv4 ? Libc.AF_INET : Libc.AF_INET6,
                    Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new UdpSocketException("socket", Libc.errno(state));
            }
            try {
                if (!ipv4) {
                    option(arena, state, fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 1, "IPV6_V6ONLY");
                }
                if (reusePort) {
                    option(arena, state, fd, Libc.SOL_SOCKET, Libc.SO_REUSEPORT, 1, "SO_REUSEPORT");
                }
                if (bufferBytes > 0) {
                    option(arena, state, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, bufferBytes, "SO_RCVBUF");
                    option(arena, state, fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, bufferBytes, "SO_SNDBUF");
                }
                MemorySegment name = arena.allocate(Libc.SOCKADDR_SIZE, 8);
                int length = SocketAddresses.encode(name, 0, local, ipv4, local.getAddress().getAddress());
                if ((int) Libc.BIND.invokeExact(state, fd, name, length) != 0) {
                    throw new UdpSocketException("bind to " + local, Libc.errno(state));
                }
                MemorySegment nameLength = arena.allocate(ValueLayout.JAVA_INT);
                nameLength.set(ValueLayout.JAVA_INT, 0, (int) Libc.SOCKADDR_SIZE);
                if ((int) Libc.GETSOCKNAME.invokeExact(state, fd, name, nameLength) != 0) {
                    throw new UdpSocketException("getsockname", Libc.errno(state));
                }
                return new UdpSocket(fd, ipv4, SocketAddresses.decode(name, 0));
            } catch (UdpSocketException | RuntimeException | Error e) {
                int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
                throw e;
            }
        } catch (UdpSocketException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("socket downcall", e);
        }
    }

    private static void option(Arena arena, MemorySegment state, int fd, int level, int name, int value, String what)
            throws Throwable {
        MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
        v.set(ValueLayout.JAVA_INT, 0, value);
        if ((int) Libc.SETSOCKOPT.invokeExact(state, fd, level, name, v, 4) != 0) {
            throw new UdpSocketException("setsockopt " + what, Libc.errno(state));
        }
    }

    /**
     * Puts the socket on {@code eventLoop}, reading into that loop's batches and reporting to
     * {@code handler}. Completes at once when called on the loop.
     */
    public Future<IoRegistration> register(IoEventLoop eventLoop, DatagramHandler handler, ByteBufAllocator allocator) {
        Future<IoRegistration> registered = eventLoop.register(this);
        registered.addListener(f -> {
            if (!f.isSuccess()) {
                return;
            }
            IoRegistration r = (IoRegistration) f.getNow();
            if (closed) {
                r.cancel();
                return;
            }
            registration = r;
            attach(UdpLoop.of(eventLoop, allocator), handler);
            r.submit(EpollIoOps.EPOLLIN);
        });
        return registered;
    }

    /** Reads into and sends through {@code loop}'s batches, reporting to {@code handler}. */
    void attach(UdpLoop loop, DatagramHandler handler) {
        this.loop = loop;
        this.handler = handler;
    }

    @Override
    public FileDescriptor fd() {
        return descriptor;
    }

    int descriptor() {
        return fd;
    }

    boolean isIpv4() {
        return ipv4;
    }

    public boolean isClosed() {
        return closed;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public int port() {
        return localAddress.getPort();
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        readBatches();
        if (!closed) {
            handler.readComplete();
        }
    }

    private void readBatches() {
        ReceiveBatch batch = loop.receiveBatch();
        SocketAddresses addresses = loop.addresses();
        for (int turn = 0; turn < BATCHES_PER_TURN && !closed; turn++) {
            int received = batch.receive(fd);
            if (received < 0) {
                int errno = -received;
                if (errno == Libc.EAGAIN) {
                    return;
                }
                if (errno != Libc.EINTR) {
                    // A pending socket error (an ICMP report) or the like: counted, the socket stays up.
                    handler.receiveFailed();
                }
                continue;
            }
            for (int i = 0; i < received && !closed; i++) {
                InetSocketAddress sender = batch.sender(i, addresses);
                if (batch.truncated(i) || sender == null) {
                    handler.receiveFailed();
                    continue;
                }
                try {
                    handler.received(batch.datagram(i), sender);
                } catch (RuntimeException e) {
                    // As a Netty pipeline would: one datagram's failure is counted, never out of the loop.
                    handler.receiveFailed();
                }
            }
            if (received < batch.size()) {
                return;
            }
        }
    }

    /**
     * Room to write one datagram of up to {@code maxLength} bytes for this socket to send: write it
     * at the buffer's writer index, then {@link #send(ByteBuf, InetSocketAddress)} it.
     */
    public ByteBuf sendBuffer(int maxLength) {
        return loop.sendBatch().open(maxLength);
    }

    /**
     * Queues a datagram for {@code to}, sent at the end of the loop turn. {@code datagram} is what
     * {@link #sendBuffer} returned, or any buffer (copied; then this takes ownership and releases it).
     * False when it cannot be sent (closed socket, other address family, larger than a batch).
     */
    public boolean send(ByteBuf datagram, InetSocketAddress to) {
        SendBatch batch = loop.sendBatch();
        if (batch.isOwn(datagram)) {
            return !closed && batch.commit(this, to);
        }
        try {
            return !closed && batch.copy(this, datagram, datagram.readerIndex(), datagram.readableBytes(), to);
        } finally {
            datagram.release();
        }
    }

    /** Queues a copy of {@code length} bytes of {@code source} from {@code index} for {@code to}. Borrows {@code source}. */
    public boolean send(ByteBuf source, int index, int length, InetSocketAddress to) {
        return !closed && loop.sendBatch().copy(this, source, index, length, to);
    }

    void sendFailed(int count) {
        handler.sendFailed(count);
    }

    /** Closes the socket; datagrams still queued for it are dropped and reported. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (registration != null) {
            registration.cancel();
        }
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) Libc.CLOSE.invokeExact(Libc.callState(arena), fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close downcall", e);
        }
    }
}
