package io.turnfleet.relay.interop;

import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.LongTermCredential;
import org.ice4j.security.LongTermCredentialSession;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Datagrams an attacker or a broken client throws at a TURN listener: random bytes, valid STUN
 * messages (encoded by ice4j) truncated or with flipped bits, ChannelData with lying lengths or for
 * channels nobody bound, messages with lengths past any datagram, empty datagrams, well-formed
 * requests full of garbage attributes, datagrams far over any MTU, and ChannelData spoofing a real client's channel from
 * another address. Seeded, so a failing run can be replayed.
 */
final class HostileDatagrams {
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int[] METHODS = {0x001, 0x003, 0x004, 0x006, 0x007, 0x008, 0x009, 0x00A, 0x00B, 0x00C};
    private static final int KINDS = 10;

    private final Random random;
    private final List<byte[]> validMessages;
    private final int spoofedChannel;
    private long certainlyMalformed;

    /**
     * @param spoofedChannel the channel number of an honest client, to spoof from other addresses
     * @param peer           a peer address to put into the templates' XOR-PEER-ADDRESS
     */
    HostileDatagrams(long seed, int spoofedChannel, InetSocketAddress peer) throws StunException {
        this.random = new Random(seed);
        this.spoofedChannel = spoofedChannel;
        this.validMessages = templates(peer);
    }

    /** Datagrams so far that any relay must count as malformed: empty, lying ChannelData, no STUN/ChannelData prefix. */
    long certainlyMalformed() {
        return certainlyMalformed;
    }

    byte[] next() {
        if (random.nextInt(100) == 0) {
            return oversized();
        }
        return switch (random.nextInt(KINDS)) {
            case 0 -> randomBytes();
            case 1 -> truncated(template());
            case 2 -> bitFlipped(template());
            case 3 -> channelDataWithLyingLength();
            case 4 -> channelDataForUnboundChannel();
            case 5 -> spoofedChannelData();
            case 6 -> garbageAttributes();
            case 7 -> giantDeclaredLength();
            case 8 -> empty();
            default -> notStunNorChannelData();
        };
    }

    private byte[] template() {
        return validMessages.get(random.nextInt(validMessages.size())).clone();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(1_500)];
        random.nextBytes(bytes);
        if (bytes.length == 0 || (bytes[0] & 0x80) != 0) {
            certainlyMalformed++;
        }
        return bytes;
    }

    private byte[] truncated(byte[] message) {
        byte[] cut = new byte[random.nextInt(message.length)];
        System.arraycopy(message, 0, cut, 0, cut.length);
        if (cut.length == 0) {
            certainlyMalformed++;
        }
        return cut;
    }

    private byte[] bitFlipped(byte[] message) {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return message;
    }

    private byte[] channelDataWithLyingLength() {
        int actual = random.nextInt(200);
        int declared = actual + 1 + random.nextInt(0xFFFF - actual);
        certainlyMalformed++;
        return channelData(0x4000 + random.nextInt(0x4000), declared, actual);
    }

    private byte[] channelDataForUnboundChannel() {
        int length = random.nextInt(1_200);
        return channelData(0x4000 + random.nextInt(0x4000), length, length);
    }

    private byte[] spoofedChannelData() {
        int length = 1 + random.nextInt(200);
        return channelData(spoofedChannel, length, length);
    }

    private byte[] channelData(int channel, int declaredLength, int actualLength) {
        byte[] payload = new byte[actualLength];
        random.nextBytes(payload);
        return ByteBuffer.allocate(4 + actualLength).putShort((short) channel).putShort((short) declaredLength)
                .put(payload).array();
    }

    /** A well-formed request of a random method whose attributes are random types and values. */
    private byte[] garbageAttributes() {
        int count = 1 + random.nextInt(12);
        ByteBuffer body = ByteBuffer.allocate(count * (4 + 64) + 24 + 28);
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(64);
            byte[] value = new byte[(length + 3) & ~3];
            random.nextBytes(value);
            body.putShort((short) random.nextInt(0x10000)).putShort((short) length).put(value);
        }
        if (random.nextBoolean()) {
            byte[] username = "alice".getBytes(StandardCharsets.US_ASCII);
            byte[] integrity = new byte[20];
            random.nextBytes(integrity);
            body.putShort((short) 0x0006).putShort((short) username.length).put(username).put(new byte[3]);
            body.putShort((short) 0x0008).putShort((short) 20).put(integrity);
        }
        return stunMessage(METHODS[random.nextInt(METHODS.length)], body.flip().remaining(), body);
    }

    /** A STUN header claiming far more bytes than any UDP datagram carries. */
    private byte[] giantDeclaredLength() {
        ByteBuffer body = ByteBuffer.allocate(random.nextInt(64) * 4);
        return stunMessage(0x003, 0xFFFC - random.nextInt(64) * 4, body);
    }

    private byte[] stunMessage(int method, int declaredLength, ByteBuffer body) {
        byte[] transactionId = new byte[12];
        random.nextBytes(transactionId);
        return ByteBuffer.allocate(20 + body.remaining()).putShort((short) method).putShort((short) declaredLength)
                .putInt(MAGIC_COOKIE).put(transactionId).put(body).array();
    }

    /** Far beyond any path MTU: 2 to 16 KB of bytes that start like STUN or like ChannelData. */
    private byte[] oversized() {
        byte[] bytes = new byte[2_048 + random.nextInt(14_336)];
        random.nextBytes(bytes);
        bytes[0] = (byte) (random.nextBoolean() ? 0x00 : 0x40 | random.nextInt(0x40));
        return bytes;
    }

    private byte[] empty() {
        certainlyMalformed++;
        return new byte[0];
    }

    /** First two bits 10 or 11: neither STUN (00) nor ChannelData (01), RFC 8656 §12. */
    private byte[] notStunNorChannelData() {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        bytes[0] |= (byte) 0x80;
        certainlyMalformed++;
        return bytes;
    }

    /** Valid messages built and signed by ice4j, the raw material for the mutations. */
    private static List<byte[]> templates(InetSocketAddress peer) throws StunException {
        StunStack stack = new StunStack();
        try {
            TransportAddress peerAddress = new TransportAddress(peer, Transport.UDP);
            LongTermCredentialSession session = new LongTermCredentialSession(
                    new LongTermCredential(RelayUnderTest.USER, RelayUnderTest.PASSWORD),
                    RelayUnderTest.REALM.getBytes(StandardCharsets.UTF_8));
            session.setNonce("not-a-nonce-the-relay-issued".getBytes(StandardCharsets.US_ASCII));
            stack.getCredentialsManager().registerAuthority(session);
            byte[] permissionId = TransactionID.createNewTransactionID().getBytes();
            byte[] bindId = TransactionID.createNewTransactionID().getBytes();
            byte[] sendId = TransactionID.createNewTransactionID().getBytes();
            Message send = MessageFactory.createSendIndication(peerAddress, new byte[64], sendId);
            send.setTransactionID(sendId);
            return List.of(
                    encode(stack, null, MessageFactory.createBindingRequest(), null),
                    encode(stack, null, MessageFactory.createAllocateRequest(Ice4jTurnClient.UDP, false), null),
                    encode(stack, session, MessageFactory.createAllocateRequest(Ice4jTurnClient.UDP, false), null),
                    encode(stack, session, MessageFactory.createRefreshRequest(600), null),
                    encode(stack, session, MessageFactory.createCreatePermissionRequest(peerAddress, permissionId),
                            permissionId),
                    encode(stack, session, MessageFactory.createChannelBindRequest((char) 0x4001, peerAddress, bindId),
                            bindId),
                    send.encode(stack));
        } finally {
            stack.shutDown();
        }
    }

    private static byte[] encode(StunStack stack, LongTermCredentialSession session, Request request,
                                 byte[] transactionId) throws StunException {
        request.setTransactionID(transactionId != null ? transactionId
                : TransactionID.createNewTransactionID().getBytes());
        if (session != null) {
            session.addAttributes(request);
        }
        return request.encode(stack);
    }
}
