package io.turnfleet.relay.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.auth.LongTermKey;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunWriter;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A TURN client written with the relay's own codec, over any {@link Wire}: long-term credentials
 * with the 401 challenge (RFC 8489 §9.2), the TURN requests (RFC 8656) and the TCP relay requests
 * (RFC 6062). Messages that are not the awaited answer are kept for {@link #next(Duration)}.
 */
final class TurnClient implements AutoCloseable {
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    static final int UDP = 17;
    static final int TCP = 6;

    private final Wire wire;
    private final boolean stream;
    private final String username;
    private final String password;
    private final Deque<Received> unsolicited = new ArrayDeque<>();
    private String realm;
    private String nonce;
    private byte[] key;

    TurnClient(Wire wire, String username, String password) {
        this.wire = wire;
        this.stream = !(wire instanceof DatagramWire);
        this.username = username;
        this.password = password;
    }

    Wire wire() {
        return wire;
    }

    /** Binding (RFC 8489): no credentials needed. */
    Received binding() throws IOException {
        return exchange(Method.BINDING, writer -> { }, false);
    }

    /** An authenticated request; a 401 or 438 challenge is answered once with the realm and nonce it carries. */
    Received request(int method, Consumer<StunWriter> attributes) throws IOException {
        if (nonce == null) {
            Received challenge = exchange(method, attributes, false);
            if (challenge.errorCode() != ErrorCode.UNAUTHENTICATED.code()) {
                return challenge;
            }
            learn(challenge);
        }
        Received answer = exchange(method, attributes, true);
        if (answer.errorCode() == ErrorCode.STALE_NONCE.code()) {
            learn(answer);
            answer = exchange(method, attributes, true);
        }
        return answer;
    }

    Received allocateAnswer(int protocol) throws IOException {
        return request(Method.ALLOCATE, writer -> writer.leadingByte(AttributeType.REQUESTED_TRANSPORT, protocol, 4));
    }

    /** Allocates a relayed address for UDP or TCP (RFC 6062 §5.1) peers; fails the test on an error. */
    InetSocketAddress allocate(int protocol) throws IOException {
        return success(allocateAnswer(protocol)).xorAddress(AttributeType.XOR_RELAYED_ADDRESS);
    }

    void createPermission(InetSocketAddress peer) throws IOException {
        success(request(Method.CREATE_PERMISSION, writer -> writer.xorAddress(AttributeType.XOR_PEER_ADDRESS, peer)));
    }

    void channelBind(int number, InetSocketAddress peer) throws IOException {
        success(request(Method.CHANNEL_BIND, writer -> writer
                .unsignedInt(AttributeType.CHANNEL_NUMBER, (long) number << 16)
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, peer)));
    }

    Received refresh(long lifetimeSeconds) throws IOException {
        return request(Method.REFRESH, writer -> writer.unsignedInt(AttributeType.LIFETIME, lifetimeSeconds));
    }

    /** Connect (RFC 6062 §5.2): the answer carries CONNECTION-ID on success. */
    Received connect(InetSocketAddress peer) throws IOException {
        return request(Method.CONNECT, writer -> writer.xorAddress(AttributeType.XOR_PEER_ADDRESS, peer));
    }

    /** ConnectionBind (RFC 6062 §5.4), sent on a new data connection. */
    Received connectionBind(long connectionId) throws IOException {
        return request(Method.CONNECTION_BIND, writer -> writer.unsignedInt(AttributeType.CONNECTION_ID,
                connectionId));
    }

    /** A Send indication (RFC 8656 §10.1). */
    void send(InetSocketAddress peer, byte[] data) throws IOException {
        ByteBuf out = Unpooled.buffer();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StunWriter.start(out, Method.SEND, MessageClass.INDICATION, random.nextLong(), random.nextInt())
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, peer)
                .bytes(AttributeType.DATA, data);
        wire.write(ByteBufUtil.getBytes(out));
    }

    /** ChannelData (RFC 8656 §12.4), padded to 4 bytes on streams. */
    void sendChannelData(int number, byte[] data) throws IOException {
        int padded = stream ? (data.length + 3) & ~3 : data.length;
        byte[] frame = new byte[4 + padded];
        frame[0] = (byte) (number >>> 8);
        frame[1] = (byte) number;
        frame[2] = (byte) (data.length >>> 8);
        frame[3] = (byte) data.length;
        System.arraycopy(data, 0, frame, 4, data.length);
        wire.write(frame);
    }

    /** The next message that was not an awaited answer: a Data or ConnectionAttempt indication, ChannelData. */
    Received next(Duration timeout) throws IOException {
        if (!unsolicited.isEmpty()) {
            return unsolicited.poll();
        }
        byte[] bytes = wire.read(timeout);
        return bytes == null ? null : new Received(bytes);
    }

    /** Waits until the relay closes the connection, failing on anything else it sends meanwhile. */
    boolean closedByRelayWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                byte[] bytes = wire.read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                if (bytes != null) {
                    throw new AssertionError("expected the connection to close, got " + new Received(bytes));
                }
            } catch (EOFException | java.net.SocketException | javax.net.ssl.SSLException e) {
                return true;
            }
        }
        return false;
    }

    private byte[] build(int method, Consumer<StunWriter> attributes, boolean authenticated, byte[] transactionId) {
        ByteBuf out = Unpooled.buffer();
        ByteBuf id = Unpooled.wrappedBuffer(transactionId);
        StunWriter writer = StunWriter.start(out, method, MessageClass.REQUEST, id.getLong(0), id.getInt(8));
        attributes.accept(writer);
        if (authenticated) {
            writer.text(AttributeType.USERNAME, username)
                    .text(AttributeType.REALM, realm)
                    .text(AttributeType.NONCE, nonce)
                    .integrity(key);
        }
        writer.fingerprint();
        return ByteBufUtil.getBytes(out);
    }

    private Received exchange(int method, Consumer<StunWriter> attributes, boolean authenticated) throws IOException {
        byte[] transactionId = new byte[12];
        ThreadLocalRandom.current().nextBytes(transactionId);
        wire.write(build(method, attributes, authenticated, transactionId));
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            byte[] bytes = left <= 0 ? null : wire.read(Duration.ofNanos(left));
            if (bytes == null) {
                throw new AssertionError("no answer to " + Method.name(method) + " within " + ANSWER_TIMEOUT);
            }
            Received received = new Received(bytes);
            if (!received.isChannelData() && received.messageClass() != MessageClass.INDICATION
                    && Arrays.equals(received.transactionId(), transactionId)) {
                return received;
            }
            unsolicited.add(received);
        }
    }

    private void learn(Received challenge) {
        realm = challenge.text(AttributeType.REALM);
        nonce = challenge.text(AttributeType.NONCE);
        key = LongTermKey.derive(username, realm, password);
    }

    static Received success(Received answer) {
        if (!answer.isSuccess()) {
            throw new AssertionError("expected a success response, got " + answer);
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
