package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One UDP listener socket (one per event loop with SO_REUSEPORT). Tells STUN from ChannelData by
 * the first byte (RFC 8656 §12), keeps the allocations of the clients the kernel steers to this
 * socket, and sweeps their timers once a second. A bad datagram is counted and dropped; the socket
 * stays up.
 */
final class UdpListenerHandler extends ChannelInboundHandlerAdapter implements ClientPath {
    private final RelayContext relay;
    private final LoopTotals totals;
    private final Map<InetSocketAddress, RelaySocket> sockets = new HashMap<>();
    private ChannelHandlerContext ctx;
    private TurnRequestHandler requests;
    private ScheduledFuture<?> sweeper;
    private boolean wroteToClients;

    UdpListenerHandler(RelayContext relay, LoopTotals totals) {
        this.relay = relay;
        this.totals = totals;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.requests = new TurnRequestHandler(relay, this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sweeper = ctx.executor().scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        for (RelaySocket socket : sockets.values().toArray(new RelaySocket[0])) {
            requests.endAllocation(socket);
        }
        totals.update(this, 0, 0);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            ByteBuf content = packet.content();
            if (!content.isReadable()) {
                relay.metrics().malformed("udp");
                return;
            }
            int first = content.getUnsignedByte(content.readerIndex());
            if (ChannelData.looksLikeChannelData(first)) {
                requests.onChannelData(content, packet.sender());
            } else if (StunMessage.looksLikeStun(first)) {
                requests.onStunMessage(content, packet.sender());
            } else {
                relay.metrics().malformed("udp");
            }
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        requests.flushRelaySockets();
        flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A shared listener socket must outlive any one client's error (ICMP unreachable and the like).
        relay.metrics().malformed("udp");
    }

    private void sweep() {
        long now = System.nanoTime();
        SweepTotals sweepTotals = new SweepTotals();
        requests.sweep(sockets.values(), now, sweepTotals);
        totals.update(this, sweepTotals.permissions, sweepTotals.channels);
    }

    /** Clients with an allocation on this socket; read from other threads, so approximate. */
    volatile int clients;

    int clientCount() {
        return clients;
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) ctx.channel().localAddress();
    }

    @Override
    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    @Override
    public boolean isStream() {
        return false;
    }

    @Override
    public void send(InetSocketAddress client, ByteBuf message) {
        ctx.writeAndFlush(new DatagramPacket(message, client), ctx.voidPromise());
    }

    @Override
    public boolean relay(InetSocketAddress client, ByteBuf message) {
        if (!ctx.channel().isWritable()) {
            message.release();
            return false;
        }
        ctx.write(new DatagramPacket(message, client), ctx.voidPromise());
        wroteToClients = true;
        return true;
    }

    @Override
    public void flush() {
        if (wroteToClients) {
            wroteToClients = false;
            ctx.flush();
        }
    }

    @Override
    public RelaySocket find(InetSocketAddress client) {
        return sockets.get(client);
    }

    @Override
    public void add(RelaySocket socket) {
        sockets.put(socket.client(), socket);
        clients = sockets.size();
    }

    @Override
    public void remove(RelaySocket socket) {
        sockets.remove(socket.client(), socket);
        clients = sockets.size();
    }
}
