package io.turnfleet.relay.net.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native datagram path over real sockets on 127.0.0.1 and ::1, driven by a real epoll event loop. */
class UdpSocketIT {
    private static final InetSocketAddress IPV4_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final InetSocketAddress IPV6_ANY_PORT = new InetSocketAddress("::1", 0);

    private MultiThreadIoEventLoopGroup group;
    private IoEventLoop loop;

    /** Keeps copies of what arrives, and counts losses. */
    private static final class Recorder implements DatagramHandler {
        final LinkedBlockingQueue<String> payloads = new LinkedBlockingQueue<>();
        final List<InetSocketAddress> senders = new ArrayList<>();
        final AtomicInteger receiveFailed = new AtomicInteger();
        final AtomicInteger sendFailed = new AtomicInteger();

        @Override
        public void received(ByteBuf datagram, InetSocketAddress sender) {
            synchronized (senders) {
                senders.add(sender);
            }
            payloads.add(datagram.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void receiveFailed() {
            receiveFailed.incrementAndGet();
        }

        @Override
        public void sendFailed(int count) {
            sendFailed.addAndGet(count);
        }
    }

    @BeforeEach
    void startLoop() {
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        loop = (IoEventLoop) group.next();
    }

    @AfterEach
    void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private <T> T onLoop(Callable<T> call) throws Exception {
        return loop.submit(call).get(5, TimeUnit.SECONDS);
    }

    private UdpSocket registered(InetSocketAddress local, DatagramHandler handler) throws Exception {
        UdpSocket socket = UdpSocket.open(local, 0, false);
        onLoop(() -> socket.register(loop, handler, PooledByteBufAllocator.DEFAULT).sync().getNow());
        return socket;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void datagramsFromOneSenderArriveInOrderWithOneInternedSenderAddress() throws Exception {
        Recorder recorder = new Recorder();
        UdpSocket socket = registered(IPV4_ANY_PORT, recorder);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 40; i++) {
                client.send(new DatagramPacket(bytes("d" + i), 2 + (i > 9 ? 1 : 0), socket.localAddress()));
            }
            for (int i = 0; i < 40; i++) {
                assertEquals("d" + i, recorder.payloads.poll(5, TimeUnit.SECONDS));
            }
            synchronized (recorder.senders) {
                assertEquals(client.getLocalSocketAddress(), recorder.senders.get(0));
                for (InetSocketAddress sender : recorder.senders) {
                    assertSame(recorder.senders.get(0), sender);
                }
            }
        }
        onLoop(() -> {
            socket.close();
            return null;
        });
    }

    @Test
    void queuedDatagramsAreSentOverIpv6AtTheEndOfTheLoopTurn() throws Exception {
        UdpSocket socket = registered(IPV6_ANY_PORT, new Recorder());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            peer.setSoTimeout(5000);
            InetSocketAddress to = (InetSocketAddress) peer.getLocalSocketAddress();
            onLoop(() -> {
                for (int i = 0; i < 5; i++) {
                    ByteBuf out = socket.sendBuffer(100);
                    out.writeCharSequence("frame" + i, StandardCharsets.UTF_8);
                    assertTrue(socket.send(out, to));
                }
                ByteBuf source = Unpooled.copiedBuffer("xxcopiedxx", StandardCharsets.UTF_8);
                assertTrue(socket.send(source, 2, 6, to));
                source.release();
                return null;
            });
            for (int i = 0; i < 5; i++) {
                assertEquals("frame" + i, receive(peer));
            }
            assertEquals("copied", receive(peer));
            assertEquals(new InetSocketAddress("::1", socket.port()), lastSender);
        }
    }

    private InetSocketAddress lastSender;

    private String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        socket.receive(packet);
        lastSender = (InetSocketAddress) packet.getSocketAddress();
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void aDatagramLargerThanItsSlotIsDroppedAndCounted() throws Exception {
        onLoop(() -> {
            UdpLoop.install(new UdpLoop(loop, PooledByteBufAllocator.DEFAULT, 4, 64, 8, 4096));
            return null;
        });
        Recorder recorder = new Recorder();
        UdpSocket socket = registered(IPV4_ANY_PORT, recorder);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.send(new DatagramPacket(new byte[65], 65, socket.localAddress()));
            client.send(new DatagramPacket(bytes("small"), 5, socket.localAddress()));
            assertEquals("small", recorder.payloads.poll(5, TimeUnit.SECONDS));
            assertEquals(1, recorder.receiveFailed.get());
            assertTrue(recorder.payloads.isEmpty());
        }
    }

    @Test
    void aRefusedDatagramIsDroppedAndCountedAndTheRestOfTheBatchIsSent() throws Exception {
        Recorder recorder = new Recorder();
        UdpSocket socket = registered(IPV4_ANY_PORT, recorder);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(5000);
            InetSocketAddress to = (InetSocketAddress) peer.getLocalSocketAddress();
            // Port 0 is refused by the kernel (EINVAL) in the middle of one sendmmsg.
            InetSocketAddress refused = new InetSocketAddress("127.0.0.1", 0);
            onLoop(() -> {
                send(socket, "one", to);
                send(socket, "refused", refused);
                send(socket, "two", to);
                return null;
            });
            assertEquals("one", receive(peer));
            assertEquals("two", receive(peer));
            // counted once the flush task is done, before the next task on the loop
            assertEquals(1, (int) onLoop(recorder.sendFailed::get));
        }
    }

    private static void send(UdpSocket socket, String text, InetSocketAddress to) {
        ByteBuf out = socket.sendBuffer(text.length());
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        assertTrue(socket.send(out, to));
    }

    @Test
    void aSocketClosedMidBatchDropsItsQueueAndOthersStillSend() throws Exception {
        Recorder closing = new Recorder();
        UdpSocket first = registered(IPV4_ANY_PORT, closing);
        UdpSocket second = registered(IPV4_ANY_PORT, new Recorder());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(5000);
            InetSocketAddress to = (InetSocketAddress) peer.getLocalSocketAddress();
            onLoop(() -> {
                send(first, "lost-1", to);
                send(second, "kept", to);
                send(first, "lost-2", to);
                first.close();
                assertFalse(first.send(Unpooled.wrappedBuffer(bytes("after")), to));
                return null;
            });
            assertEquals("kept", receive(peer));
            assertEquals(second.localAddress(), lastSender);
            peer.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> receive(peer));
            assertEquals(2, (int) onLoop(closing.sendFailed::get));
        }
    }

    @Test
    void aBatchThatFillsUpIsFlushedEarlyWithNothingLost() throws Exception {
        onLoop(() -> {
            UdpLoop.install(new UdpLoop(loop, PooledByteBufAllocator.DEFAULT, 4, 2048, 4, 1024));
            return null;
        });
        UdpSocket socket = registered(IPV4_ANY_PORT, new Recorder());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(5000);
            InetSocketAddress to = (InetSocketAddress) peer.getLocalSocketAddress();
            onLoop(() -> {
                for (int i = 0; i < 10; i++) {
                    send(socket, "m" + i + "-" + "x".repeat(200), to);
                }
                return null;
            });
            for (int i = 0; i < 10; i++) {
                assertEquals("m" + i + "-" + "x".repeat(200), receive(peer));
            }
        }
    }

    @Test
    void aPortInUseFailsWithTheCLibrarysReason() throws Exception {
        UdpSocket socket = UdpSocket.open(IPV4_ANY_PORT, 0, false);
        UdpSocketException e = assertThrows(UdpSocketException.class,
                () -> UdpSocket.open(socket.localAddress(), 0, false));
        assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
        assertEquals(98, e.errno());
        socket.close();
    }

    @Test
    void anIpv6SocketIsIpv6OnlySoAnIpv4SocketCanShareItsPort() throws Exception {
        UdpSocket ipv6 = UdpSocket.open(new InetSocketAddress("::", 0), 0, false);
        UdpSocket ipv4 = UdpSocket.open(new InetSocketAddress("0.0.0.0", ipv6.port()), 0, false);
        assertEquals(ipv6.port(), ipv4.port());
        ipv4.close();
        ipv6.close();
    }

    @Test
    void closedSocketsLeaveNoFileDescriptorsBehind() throws Exception {
        long before = openDescriptors();
        for (int i = 0; i < 50; i++) {
            UdpSocket socket = registered(IPV4_ANY_PORT, new Recorder());
            onLoop(() -> {
                socket.close();
                return null;
            });
        }
        assertEquals(before, openDescriptors());
    }

    @Test
    void socketsRegisteredWithSoReusePortShareAPort() throws Exception {
        UdpSocket first = UdpSocket.open(IPV4_ANY_PORT, 1 << 20, true);
        UdpSocket second = UdpSocket.open(first.localAddress(), 1 << 20, true);
        assertEquals(first.port(), second.port());
        assertNotNull(InetAddress.getByName("127.0.0.1"));
        first.close();
        second.close();
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
