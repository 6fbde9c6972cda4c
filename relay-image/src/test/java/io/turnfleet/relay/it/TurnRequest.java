package io.turnfleet.relay.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunWriter;
import io.turnfleet.relay.stun.XorAddress;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A STUN request or indication as a test writes it: method, attributes in order, and how it is
 * signed. {@link TurnTestClient} adds USERNAME, REALM, NONCE and integrity when it authenticates it.
 * Encoded with the relay's own {@link StunWriter}; each encoding gets a fresh transaction id unless
 * one was fixed.
 */
public final class TurnRequest {
    /** Which integrity attribute an authenticated request carries (RFC 8489 §14.5, §14.6). */
    public enum Integrity { SHA1, SHA256 }

    /** Family bytes of REQUESTED-ADDRESS-FAMILY and ADDITIONAL-ADDRESS-FAMILY. */
    public static final int IPV4 = XorAddress.FAMILY_IPV4;
    public static final int IPV6 = XorAddress.FAMILY_IPV6;

    private final int method;
    private final int messageClass;
    private final List<Consumer<StunWriter>> attributes = new ArrayList<>();
    private Integrity integrity = Integrity.SHA1;
    private boolean fingerprint;
    private boolean withoutUsername;

    private TurnRequest(int method, int messageClass) {
        this.method = method;
        this.messageClass = messageClass;
    }

    public static TurnRequest of(int method) {
        return new TurnRequest(method, MessageClass.REQUEST);
    }

    public static TurnRequest binding() {
        return of(Method.BINDING);
    }

    /** Allocate for UDP (REQUESTED-TRANSPORT 17), the request every TURN client starts with. */
    public static TurnRequest allocate() {
        return of(Method.ALLOCATE).requestedTransport(17);
    }

    public static TurnRequest refresh(long lifetimeSeconds) {
        return of(Method.REFRESH).lifetime(lifetimeSeconds);
    }

    public static TurnRequest createPermission(InetSocketAddress... peers) {
        TurnRequest request = of(Method.CREATE_PERMISSION);
        for (InetSocketAddress peer : peers) {
            request.peer(peer);
        }
        return request;
    }

    public static TurnRequest channelBind(int number, InetSocketAddress peer) {
        return of(Method.CHANNEL_BIND).channelNumber(number).peer(peer);
    }

    /** A Send indication (RFC 8656 §10.1): never authenticated, never answered. */
    public static TurnRequest send(InetSocketAddress peer, byte[] data) {
        return new TurnRequest(Method.SEND, MessageClass.INDICATION).peer(peer)
                .with(w -> w.bytes(AttributeType.DATA, data));
    }

    /** A Send indication to a peer written as raw address bytes (e.g. an IPv4-mapped IPv6 address). */
    public static TurnRequest send(byte[] rawPeer, int port, byte[] data) {
        return new TurnRequest(Method.SEND, MessageClass.INDICATION).peer(rawPeer, port)
                .with(w -> w.bytes(AttributeType.DATA, data));
    }

    public TurnRequest with(Consumer<StunWriter> attribute) {
        attributes.add(attribute);
        return this;
    }

    public TurnRequest requestedTransport(int protocol) {
        return with(w -> w.leadingByte(AttributeType.REQUESTED_TRANSPORT, protocol, 4));
    }

    public TurnRequest lifetime(long seconds) {
        return with(w -> w.unsignedInt(AttributeType.LIFETIME, seconds));
    }

    public TurnRequest peer(InetSocketAddress peer) {
        return with(w -> w.xorAddress(AttributeType.XOR_PEER_ADDRESS, peer));
    }

    /** XOR-PEER-ADDRESS from raw bytes, so an IPv4-mapped IPv6 address keeps its IPv6 family on the wire. */
    public TurnRequest peer(byte[] rawAddress, int port) {
        return with(w -> w.xorAddress(AttributeType.XOR_PEER_ADDRESS, rawAddress, port));
    }

    public TurnRequest channelNumber(int number) {
        return with(w -> w.unsignedInt(AttributeType.CHANNEL_NUMBER, (long) number << 16));
    }

    public TurnRequest requestedAddressFamily(int family) {
        return with(w -> w.leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, family, 4));
    }

    public TurnRequest additionalAddressFamily(int family) {
        return with(w -> w.leadingByte(AttributeType.ADDITIONAL_ADDRESS_FAMILY, family, 4));
    }

    public TurnRequest evenPort(boolean reserveNext) {
        return with(w -> w.leadingByte(AttributeType.EVEN_PORT, reserveNext ? 0x80 : 0, 1));
    }

    public TurnRequest reservationToken(long token) {
        return with(w -> w.longValue(AttributeType.RESERVATION_TOKEN, token));
    }

    /** An attribute with four zero bytes of value, e.g. one the relay does not know. */
    public TurnRequest attribute(int type) {
        return with(w -> w.bytes(type, new byte[4]));
    }

    public TurnRequest sha256() {
        integrity = Integrity.SHA256;
        return this;
    }

    public TurnRequest fingerprint() {
        fingerprint = true;
        return this;
    }

    /** Signs the request but leaves USERNAME out (RFC 8489 §9.2.4 says: 400). */
    public TurnRequest withoutUsername() {
        withoutUsername = true;
        return this;
    }

    public boolean isIndication() {
        return messageClass == MessageClass.INDICATION;
    }

    /** Encodes without credentials. */
    byte[] encode() {
        return encode(null, null, null, null);
    }

    /** Encodes with a fresh transaction id; credentials and integrity when {@code key} is not null. */
    byte[] encode(String username, String realm, String nonce, byte[] key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ByteBuf out = Unpooled.buffer(512);
        try {
            StunWriter writer = StunWriter.start(out, method, messageClass, random.nextLong(), random.nextInt());
            attributes.forEach(attribute -> attribute.accept(writer));
            if (key != null) {
                if (!withoutUsername) {
                    writer.text(AttributeType.USERNAME, username);
                }
                writer.text(AttributeType.REALM, realm).text(AttributeType.NONCE, nonce);
                if (integrity == Integrity.SHA256) {
                    writer.integritySha256(key);
                } else {
                    writer.integrity(key);
                }
            }
            if (fingerprint) {
                writer.fingerprint();
            }
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }
}
