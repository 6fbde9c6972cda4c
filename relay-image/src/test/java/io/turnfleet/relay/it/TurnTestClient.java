package io.turnfleet.relay.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.auth.LongTermKey;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * A raw TURN client over UDP for tests, built on the relay's codec: it sends exactly the bytes a
 * test composes, retransmits like RFC 8489 §6.2.1 asks (here: once a second, five times), runs the
 * long-term credential dance (401 with REALM and NONCE, then signed requests) and keeps what the
 * relay relays (Data indications, ChannelData) apart from answers. Used from one test thread.
 */
public final class TurnTestClient implements AutoCloseable {
    /** Data the relay passed on from a peer: {@code channel} is -1 for a Data indication, which names the peer. */
    public record Relayed(int channel, InetSocketAddress peer, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private static final int ATTEMPTS = 5;
    private static final Duration RETRANSMIT_AFTER = Duration.ofSeconds(1);

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final List<byte[]> unclaimedAnswers = new ArrayList<>();
    private final Deque<Relayed> relayed = new ArrayDeque<>();
    private final byte[] receiveBuffer = new byte[65_536];
    private String username;
    private String password;
    private String realm;
    private String nonce;

    /** A client on the loopback address of the server's family, on a free port. */
    public TurnTestClient(InetSocketAddress server) {
        this.server = server;
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a client socket next to " + server, e);
        }
    }

    /** Uses these long-term credentials from now on (the realm and nonce learned so far are kept). */
    public TurnTestClient as(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public String realm() {
        return realm;
    }

    public String nonce() {
        return nonce;
    }

    /** The long-term key of the current credentials (RFC 8489 §9.2.2); needs the realm from a challenge. */
    public byte[] key() {
        if (realm == null) {
            throw new IllegalStateException("no realm learned yet: send a request first");
        }
        return LongTermKey.derive(username, realm, password);
    }

    /** Sends the request without credentials and returns the answer. */
    public TurnAnswer send(TurnRequest request) {
        return exchange(request.encode());
    }

    /**
     * Sends the request signed with the current credentials. Without a nonce yet, first sends it
     * unsigned to be challenged. A 401 or 438 answer's NONCE replaces the one held.
     */
    public TurnAnswer sendSigned(TurnRequest request) {
        if (nonce == null) {
            TurnAnswer challenge = send(request);
            if (challenge.code() != 401) {
                throw new AssertionError("expected a 401 challenge, got " + challenge);
            }
            learnFrom(challenge);
        }
        TurnAnswer answer = exchange(request.encode(username, realm, nonce, key()));
        if ((answer.code() == 401 || answer.code() == 438) && answer.has(AttributeType.NONCE)) {
            learnFrom(answer);
        }
        return answer;
    }

    /** What a real client does: {@link #sendSigned}, and once more with the fresh nonce after 438. */
    public TurnAnswer request(TurnRequest request) {
        TurnAnswer answer = sendSigned(request);
        return answer.code() == 438 ? sendSigned(request) : answer;
    }

    /** Sends earlier request bytes again, as a retransmission, and returns the answer. */
    public TurnAnswer resend(byte[] requestBytes) {
        return exchange(requestBytes);
    }

    /** Sends an indication; nothing is answered. */
    public void indicate(TurnRequest indication) {
        if (!indication.isIndication()) {
            throw new IllegalArgumentException("not an indication");
        }
        transmit(indication.encode());
    }

    public void sendChannelData(int channel, byte[] data) {
        ByteBuf out = Unpooled.buffer(ChannelData.HEADER_LENGTH + data.length);
        try {
            ChannelData.writeHeader(out, channel, data.length);
            out.writeBytes(data);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            transmit(bytes);
        } finally {
            out.release();
        }
    }

    /** Allocates (UDP, defaults) and returns the relayed address; fails the test on an error answer. */
    public InetSocketAddress allocate() {
        return relayedAddress(expectSuccess(request(TurnRequest.allocate())));
    }

    public void createPermission(InetSocketAddress... peers) {
        expectSuccess(request(TurnRequest.createPermission(peers)));
    }

    public void channelBind(int number, InetSocketAddress peer) {
        expectSuccess(request(TurnRequest.channelBind(number, peer)));
    }

    public static InetSocketAddress relayedAddress(TurnAnswer answer) {
        return answer.xorAddress(AttributeType.XOR_RELAYED_ADDRESS);
    }

    private static TurnAnswer expectSuccess(TurnAnswer answer) {
        if (!answer.isSuccess()) {
            throw new AssertionError("expected success, got " + answer);
        }
        return answer;
    }

    /** The next data the relay passed on from a peer; fails the test when none arrives in time. */
    public Relayed receiveRelayed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (relayed.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !receiveOne(left)) {
                throw new AssertionError("nothing relayed to the client within " + timeout);
            }
        }
        return relayed.removeFirst();
    }

    private void learnFrom(TurnAnswer challenge) {
        realm = challenge.text(AttributeType.REALM);
        nonce = challenge.text(AttributeType.NONCE);
    }

    private TurnAnswer exchange(byte[] request) {
        byte[] transactionId = Arrays.copyOfRange(request, 8, StunMessage.HEADER_LENGTH);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            transmit(request);
            long deadline = System.nanoTime() + RETRANSMIT_AFTER.toNanos();
            while (true) {
                byte[] answer = claim(transactionId);
                if (answer != null) {
                    return new TurnAnswer(answer, request);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !receiveOne(left)) {
                    break;
                }
            }
        }
        throw new AssertionError("no answer from the relay at " + server + " after " + ATTEMPTS + " transmissions");
    }

    private byte[] claim(byte[] transactionId) {
        for (Iterator<byte[]> it = unclaimedAnswers.iterator(); it.hasNext(); ) {
            byte[] answer = it.next();
            if (Arrays.equals(answer, 8, StunMessage.HEADER_LENGTH, transactionId, 0, transactionId.length)) {
                it.remove();
                return answer;
            }
        }
        return null;
    }

    private void transmit(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to " + server, e);
        }
    }

    /** Receives one datagram within {@code timeoutNanos} and files it; false on timeout. */
    private boolean receiveOne(long timeoutNanos) {
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        try {
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(timeoutNanos).toMillis()));
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot receive on " + localAddress(), e);
        }
        file(Arrays.copyOf(packet.getData(), packet.getLength()));
        return true;
    }

    private void file(byte[] datagram) {
        if (datagram.length >= ChannelData.HEADER_LENGTH && ChannelData.looksLikeChannelData(datagram[0] & 0xFF)) {
            int channel = ((datagram[0] & 0xFF) << 8) | (datagram[1] & 0xFF);
            int length = ((datagram[2] & 0xFF) << 8) | (datagram[3] & 0xFF);
            relayed.addLast(new Relayed(channel, null, Arrays.copyOfRange(datagram, 4, 4 + length)));
            return;
        }
        StunMessage message;
        try {
            message = StunMessage.parse(Unpooled.wrappedBuffer(datagram));
        } catch (StunParseException e) {
            throw new AssertionError("relay sent something that is neither STUN nor ChannelData: " + e.getMessage(), e);
        }
        if (message.messageClass() == MessageClass.INDICATION && message.method() == Method.DATA) {
            int data = message.find(AttributeType.DATA);
            try {
                relayed.addLast(new Relayed(-1, message.xorAddress(message.find(AttributeType.XOR_PEER_ADDRESS)),
                        Arrays.copyOfRange(datagram, message.valueOffset(data),
                                message.valueOffset(data) + message.valueLength(data))));
            } catch (StunParseException e) {
                throw new AssertionError("Data indication without a readable XOR-PEER-ADDRESS", e);
            }
        } else {
            unclaimedAnswers.add(datagram);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
