package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.turnfleet.relay.admin.DropReason;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.net.udp.DatagramHandler;
import io.turnfleet.relay.net.udp.UdpSocket;

import java.net.InetSocketAddress;

/**
 * One UDP listener socket on the native datagram path ({@code --udp-io native}): one per event loop
 * with SO_REUSEPORT, holding the allocations of the clients the kernel steers to it. Datagrams come in
 * by recvmmsg batches; answers and relayed data are framed straight into the loop's send batch, which
 * sends every client's datagrams with one sendmmsg at the end of the loop turn. A bad datagram is
 * counted and dropped; the socket stays up.
 */
final class NativeUdpListener implements UdpClientPath, DatagramHandler, LoopSweepers.Swept {
    private final RelayContext relay;
    private final LoopSweepers sweepers;
    private final UdpSocket socket;
    private final EventLoop loop;
    private final UdpClients clients = new UdpClients();
    private final ClientDispatch dispatch;

    NativeUdpListener(RelayContext relay, LoopSweepers sweepers, UdpSocket socket, EventLoop loop) {
        this.relay = relay;
        this.sweepers = sweepers;
        this.socket = socket;
        this.loop = loop;
        this.dispatch = new ClientDispatch(relay, this);
    }

    /** Joins the loop's sweep. Call on the loop once the socket is registered. */
    void start() {
        sweepers.join(loop, this);
    }

    /** Ends every allocation of this listener and closes its socket. Call on the loop. */
    void close() {
        sweepers.leave(loop, this);
        dispatch.endAll(clients.snapshot());
        socket.close();
    }

    @Override
    public UdpClients clients() {
        return clients;
    }

    @Override
    public void received(ByteBuf datagram, InetSocketAddress sender) {
        dispatch.dispatch(datagram, sender);
    }

    @Override
    public void readComplete() {
        dispatch.readComplete();
    }

    /** A shared listener socket outlives any one client's error (ICMP unreachable and the like). */
    @Override
    public void receiveFailed() {
        relay.metrics().malformed("udp");
    }

    @Override
    public void sendFailed(int count) {
        relay.metrics().dropped(DropReason.SEND_FAILED, count);
    }

    @Override
    public void sweep(long tickerNanos, SweepTotals totals) {
        dispatch.sweep(clients.snapshot(), totals);
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public ByteBufAllocator alloc() {
        return IoTransport.ALLOCATOR;
    }

    /** Queued in the loop's send batch (a copy; {@code message} is released) and sent at the end of the turn. */
    @Override
    public void send(InetSocketAddress client, ByteBuf message) {
        socket.send(message, client);
    }

    @Override
    public ByteBuf relayBuffer(int maxLength) {
        return socket.sendBuffer(maxLength);
    }

    @Override
    public boolean relay(InetSocketAddress client, ByteBuf message) {
        return socket.send(message, client);
    }
}
