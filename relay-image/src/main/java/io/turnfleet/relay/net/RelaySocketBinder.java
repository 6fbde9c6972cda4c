package io.turnfleet.relay.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.net.udp.UdpSocket;
import io.turnfleet.relay.net.udp.UdpSocketException;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.turn.AllocateRequest;

import java.net.InetSocketAddress;

/**
 * Opens the relay sockets of a new allocation on the client's event loop, so relayed packets never
 * change threads (design.md, hot path rules). Ports come from the pool, a RESERVATION-TOKEN or
 * EVEN-PORT (RFC 8656 §7.2); a port some other process holds is skipped.
 */
final class RelaySocketBinder {
    /** Called on the event loop once: with the reservation token (or null) on success, or a failure code. */
    interface Completion {
        void done(Long reservationToken, ErrorCode failure);
    }

    private static final int BIND_ATTEMPTS = 8;
    private static final int EACCES = 13;
    private static final int EADDRINUSE = 98;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final RelayContext relay;

    RelaySocketBinder(RelayContext relay) {
        this.relay = relay;
    }

    /**
     * Binds the relay sockets an Allocate asks for. {@code primaryIpv4} is the family of the first
     * relayed address (for a RESERVATION-TOKEN the caller takes it from the reservation);
     * {@code ipv6Additional} adds an IPv6 socket to an IPv4 one (dual allocation).
     */
    void bind(RelaySocket socket, AllocateRequest request, int reservedPort, boolean primaryIpv4,
              boolean ipv6Additional, Completion completion) {
        long now = System.nanoTime();
        int port;
        boolean poolPort = false;
        if (reservedPort > 0) {
            port = reservedPort;
        } else if (request.evenPort()) {
            port = relay.ports().acquireEven(request.reserveNext());
        } else {
            port = relay.ports().acquire();
            poolPort = true;
        }
        if (port < 0) {
            completion.done(null, ErrorCode.INSUFFICIENT_CAPACITY);
            return;
        }
        Long token = request.evenPort() && request.reserveNext()
                ? relay.reservations().reserve(port + 1, primaryIpv4, now) : null;
        bindFamily(socket, primaryIpv4, port, poolPort ? BIND_ATTEMPTS : 1, failure -> {
            if (failure != null || !ipv6Additional) {
                completion.done(failure == null ? token : null, failure);
                return;
            }
            int second = relay.ports().acquire();
            if (second < 0) {
                completion.done(null, ErrorCode.INSUFFICIENT_CAPACITY);
                return;
            }
            bindFamily(socket, false, second, BIND_ATTEMPTS, secondFailure -> completion.done(
                    secondFailure == null ? token : null, secondFailure));
        });
    }

    /**
     * Opens the listening socket of a TCP allocation (RFC 6062 §5.1) on the relayed address; the
     * completion never carries a reservation token.
     */
    void bindTcp(RelaySocket socket, boolean ipv4, TcpAllocation tcp, Completion completion) {
        int port = relay.ports().acquire();
        if (port < 0) {
            completion.done(null, ErrorCode.INSUFFICIENT_CAPACITY);
            return;
        }
        bindTcp(socket, ipv4, tcp, port, BIND_ATTEMPTS, completion);
    }

    private void bindTcp(RelaySocket socket, boolean ipv4, TcpAllocation tcp, int port, int attemptsLeft,
                         Completion completion) {
        InetSocketAddress local = new InetSocketAddress(relay.addresses().bind(ipv4), port);
        ChannelFuture future = new ServerBootstrap()
                .group(socket.clientPath().eventLoop())
                .channelFactory(relay.io().serverSocket(ipv4))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(relay.io().reusePort(), true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, IoTransport.ALLOCATOR)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, TcpAllocation.WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel peer) {
                        peer.pipeline().addLast(new TcpAllocation.UnboundPeer());
                        tcp.accepted(peer);
                    }
                })
                .bind(local);
        future.addListener(f -> {
            if (f.isSuccess() && !socket.isClosed()) {
                tcp.listening(future.channel(), local);
                socket.attachTcp(tcp, ipv4, port);
                completion.done(null, null);
                return;
            }
            future.channel().close();
            relay.ports().release(port);
            int next = attemptsLeft > 1 && !socket.isClosed() ? relay.ports().acquire() : -1;
            if (next < 0) {
                completion.done(null, socket.isClosed() ? ErrorCode.ALLOCATION_MISMATCH
                        : ErrorCode.INSUFFICIENT_CAPACITY);
            } else {
                bindTcp(socket, ipv4, tcp, next, attemptsLeft - 1, completion);
            }
        });
    }

    private interface FamilyDone {
        void done(ErrorCode failure);
    }

    private void bindFamily(RelaySocket socket, boolean ipv4, int port, int attemptsLeft, FamilyDone done) {
        if (relay.udpIo() == UdpIo.NATIVE) {
            bindNative(socket, ipv4, port, attemptsLeft, done);
        } else {
            bindChannel(socket, ipv4, port, attemptsLeft, done);
        }
    }

    /** A native relay socket: opened and bound at once on the client's event loop, then registered with it. */
    private void bindNative(RelaySocket socket, boolean ipv4, int port, int attemptsLeft, FamilyDone done) {
        InetSocketAddress local = new InetSocketAddress(relay.addresses().bind(ipv4), port);
        UdpSocket udp;
        try {
            udp = UdpSocket.open(local, 0, false);
        } catch (UdpSocketException e) {
            relay.ports().release(port);
            if (e.errno() == EADDRINUSE || e.errno() == EACCES) {
                retry(socket, ipv4, attemptsLeft, done);
            } else {
                // Out of file descriptors or socket buffers: this relay has no room for the allocation.
                done.done(ErrorCode.INSUFFICIENT_CAPACITY);
            }
            return;
        }
        if (socket.isClosed()) {
            udp.close();
            relay.ports().release(port);
            done.done(ErrorCode.ALLOCATION_MISMATCH);
            return;
        }
        IoEventLoop loop = (IoEventLoop) socket.clientPath().eventLoop();
        udp.register(loop, new PeerToClient(socket, relay.metrics(), relay.ownAddresses()), IoTransport.ALLOCATOR)
                .addListener(registered -> {
                    if (registered.isSuccess() && !socket.isClosed()) {
                        socket.attach(ipv4, new NativePeerSocket(udp), port);
                        done.done(null);
                        return;
                    }
                    udp.close();
                    relay.ports().release(port);
                    done.done(socket.isClosed() ? ErrorCode.ALLOCATION_MISMATCH : ErrorCode.INSUFFICIENT_CAPACITY);
                });
    }

    /** A bind failed on a port some other process holds: the next port from the pool, while attempts last. */
    private void retry(RelaySocket socket, boolean ipv4, int attemptsLeft, FamilyDone done) {
        if (socket.isClosed()) {
            done.done(ErrorCode.ALLOCATION_MISMATCH);
        } else if (attemptsLeft > 1) {
            int next = relay.ports().acquire();
            if (next < 0) {
                done.done(ErrorCode.INSUFFICIENT_CAPACITY);
            } else {
                bindFamily(socket, ipv4, next, attemptsLeft - 1, done);
            }
        } else {
            done.done(ErrorCode.INSUFFICIENT_CAPACITY);
        }
    }

    private void bindChannel(RelaySocket socket, boolean ipv4, int port, int attemptsLeft, FamilyDone done) {
        InetSocketAddress local = new InetSocketAddress(relay.addresses().bind(ipv4), port);
        // Not a Bootstrap: that copies its option and attribute maps on every bind, once per Allocate.
        Channel channel;
        try {
            channel = relay.io().datagram(ipv4).newChannel();
        } catch (ChannelException noSocket) {
            // Out of file descriptors or socket buffers: this relay has no room for the allocation.
            relay.ports().release(port);
            done.done(ErrorCode.INSUFFICIENT_CAPACITY);
            return;
        }
        channel.config().setAllocator(IoTransport.ALLOCATOR)
                .setRecvByteBufAllocator(ReusedReceiveBuffer.SINGLE)
                .setWriteBufferWaterMark(WATER_MARK);
        channel.pipeline().addLast(new PeerHandler(new PeerToClient(socket, relay.metrics(), relay.ownAddresses())));
        EventLoop loop = socket.clientPath().eventLoop();
        ChannelPromise future = new DefaultChannelPromise(channel, loop);
        loop.register(channel).addListener(registered -> {
            if (registered.isSuccess()) {
                channel.bind(local, future);
            } else {
                future.setFailure(registered.cause());
            }
        });
        future.addListener(f -> {
            if (f.isSuccess() && !socket.isClosed()) {
                socket.attach(ipv4, new NettyPeerSocket(channel), port);
                done.done(null);
                return;
            }
            channel.close();
            relay.ports().release(port);
            retry(socket, ipv4, attemptsLeft, done);
        });
    }
}
