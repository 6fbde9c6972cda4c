package io.turnfleet.relay.stream;

import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ice4j.socket.DelegatingSocket;

/**
 * A TCP socket for ice4j's StunStack that frames messages as TURN over TCP does (RFC 8656 §12.5).
 * ice4j's own TCP sockets use the RFC 4571 length prefix of ICE-TCP, which a TURN server does not
 * speak, so its TURN-over-TCP client path can't reach a standard relay; its stack, codec and
 * credentials work unchanged over this socket. ChannelData, which ice4j's stack does not dispatch
 * to anyone, is queued for {@link #nextChannelData(Duration)}.
 */
final class StunFramedSocket extends DelegatingSocket {
    private final StreamWire wire;
    private final BlockingQueue<byte[]> channelData = new LinkedBlockingQueue<>();

    StunFramedSocket(Socket delegate) throws IOException {
        super(delegate);
        this.wire = new StreamWire(delegate);
    }

    @Override
    public void receive(DatagramPacket packet) throws IOException {
        while (true) {
            byte[] frame;
            try {
                frame = wire.read(Duration.ofHours(1));
            } catch (EOFException e) {
                throw new SocketException("the relay closed the connection");
            }
            if (frame == null) {
                continue;
            }
            if ((frame[0] & 0xC0) == 0x40) {
                channelData.add(frame);
                continue;
            }
            packet.setData(frame, 0, frame.length);
            packet.setAddress(getInetAddress());
            packet.setPort(getPort());
            return;
        }
    }

    @Override
    public void send(DatagramPacket packet) throws IOException {
        byte[] bytes = new byte[packet.getLength()];
        System.arraycopy(packet.getData(), packet.getOffset(), bytes, 0, bytes.length);
        wire.write(bytes);
    }

    /** The next ChannelData the relay sent, padding included, or null after {@code timeout}. */
    byte[] nextChannelData(Duration timeout) throws InterruptedException {
        return channelData.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
