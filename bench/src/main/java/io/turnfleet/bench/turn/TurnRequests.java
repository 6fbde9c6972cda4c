package io.turnfleet.bench.turn;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunWriter;

import java.net.InetSocketAddress;

/**
 * The client requests the generator sends, written like a WebRTC client writes them: UDP
 * transport, long-term credentials after the first 401, and a FINGERPRINT on every message.
 * Each method writes one message into {@code out}, which it borrows.
 */
public final class TurnRequests {
    /** REQUESTED-TRANSPORT protocol number for UDP (RFC 8656 §18.11). */
    static final int UDP = 17;

    private TurnRequests() {
    }

    /** Allocate without credentials: the server answers 401 with its REALM and a NONCE (RFC 8656 §7.1). */
    public static void allocate(ByteBuf out, long transactionHigh, int transactionLow) {
        StunWriter.start(out, Method.ALLOCATE, MessageClass.REQUEST, transactionHigh, transactionLow)
                .leadingByte(AttributeType.REQUESTED_TRANSPORT, UDP, 4)
                .fingerprint();
    }

    public static void allocate(ByteBuf out, long transactionHigh, int transactionLow, LongTermAuth auth) {
        StunWriter writer = StunWriter.start(out, Method.ALLOCATE, MessageClass.REQUEST, transactionHigh, transactionLow)
                .leadingByte(AttributeType.REQUESTED_TRANSPORT, UDP, 4);
        authenticate(writer, auth);
    }

    public static void channelBind(ByteBuf out, long transactionHigh, int transactionLow, int channelNumber,
                                   InetSocketAddress peer, LongTermAuth auth) {
        StunWriter writer = StunWriter.start(out, Method.CHANNEL_BIND, MessageClass.REQUEST, transactionHigh,
                        transactionLow)
                .unsignedInt(AttributeType.CHANNEL_NUMBER, (long) channelNumber << 16)
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, peer);
        authenticate(writer, auth);
    }

    public static void refresh(ByteBuf out, long transactionHigh, int transactionLow, long lifetimeSeconds,
                               LongTermAuth auth) {
        StunWriter writer = StunWriter.start(out, Method.REFRESH, MessageClass.REQUEST, transactionHigh, transactionLow)
                .unsignedInt(AttributeType.LIFETIME, lifetimeSeconds);
        authenticate(writer, auth);
    }

    private static void authenticate(StunWriter writer, LongTermAuth auth) {
        writer.text(AttributeType.USERNAME, auth.username())
                .text(AttributeType.REALM, auth.realm())
                .text(AttributeType.NONCE, auth.nonce())
                .integrity(auth.key())
                .fingerprint();
    }
}
