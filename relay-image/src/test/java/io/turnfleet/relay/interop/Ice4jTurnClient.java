package io.turnfleet.relay.interop;

import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.OptionalAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.message.ChannelData;
import org.ice4j.message.Indication;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.LongTermCredential;
import org.ice4j.security.LongTermCredentialSession;
import org.ice4j.stack.RawMessage;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A TURN client over UDP whose every message is built, encoded and decoded by Jitsi's ice4j
 * (MessageFactory, its attribute classes, ChannelData, and its long-term credential session for
 * USERNAME/REALM/NONCE/MESSAGE-INTEGRITY), so the relay is checked against a STUN stack it shares
 * no code with. Requests are retransmitted like RFC 8489 §6.2.1 asks; a reader thread sorts
 * responses to their transactions and relayed data into {@link #nextRelayed}.
 */
final class Ice4jTurnClient implements AutoCloseable {
    static final byte UDP = 17;
    /** REQUESTED-ADDRESS-FAMILY values (RFC 8656 §18.1). */
    static final char FAMILY_IPV6 = 0x02;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final long RETRANSMIT_MILLIS = 500;
    private static final int REQUEST_ATTEMPTS = 8;

    private final DatagramSocket socket;
    private final TransportAddress server;
    private final StunStack stack = new StunStack();
    private final Map<String, CompletableFuture<StunAnswer>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Relayed> relayed = new LinkedBlockingQueue<>();
    private final List<String> undecodable = new ArrayList<>();
    private final Thread reader;
    private LongTermCredentialSession session;
    private InetSocketAddress relayedAddress;

    /** Data the relay passed on from a peer: by ChannelData ({@code channel} set) or a Data indication. */
    record Relayed(int channel, InetSocketAddress peer, byte[] data) {
        static final int NO_CHANNEL = -1;
    }

    private Ice4jTurnClient(DatagramSocket socket, InetSocketAddress server) {
        this.socket = socket;
        this.server = new TransportAddress(server, Transport.UDP);
        this.reader = new Thread(this::read, "ice4j-turn-client-" + socket.getLocalPort());
        this.reader.setDaemon(true);
    }

    /** A client on a fresh loopback socket of the server's address family. */
    static Ice4jTurnClient connect(InetSocketAddress server) throws IOException {
        InetAddress loopback = server.getAddress() instanceof Inet6Address
                ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
        Ice4jTurnClient client = new Ice4jTurnClient(socket, server);
        client.reader.start();
        return client;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Takes REALM and NONCE from a 401 (RFC 8489 §9.2.4) and signs later requests with them. */
    void useCredentials(String username, String password, StunAnswer challenge) {
        RealmAttribute realm = (RealmAttribute) challenge.response().getAttribute(Attribute.REALM);
        NonceAttribute nonce = (NonceAttribute) challenge.response().getAttribute(Attribute.NONCE);
        if (realm == null || nonce == null) {
            throw new AssertionError("a challenge carries REALM and NONCE: " + challenge);
        }
        if (session != null) {
            stack.getCredentialsManager().unregisterAuthority(session);
        }
        session = new LongTermCredentialSession(new LongTermCredential(username, password), realm.getRealm());
        session.setNonce(nonce.getNonce());
        stack.getCredentialsManager().registerAuthority(session);
    }

    /** Allocate, challenged first and then signed: returns the final answer. */
    StunAnswer allocate(String username, String password, Attribute... extra) throws IOException {
        StunAnswer challenge = send(allocateRequest(extra));
        if (challenge.errorCode() != 401) {
            throw new AssertionError("expected a 401 challenge to the first Allocate, got " + challenge);
        }
        useCredentials(username, password, challenge);
        StunAnswer answer = send(allocateRequest(extra));
        if (answer.isSuccess()) {
            relayedAddress = answer.xorAddress(Attribute.XOR_RELAYED_ADDRESS);
        }
        return answer;
    }

    /** XOR-RELAYED-ADDRESS of the allocation {@link #allocate} made. */
    InetSocketAddress relayedAddress() {
        if (relayedAddress == null) {
            throw new IllegalStateException("no allocation made by allocate()");
        }
        return relayedAddress;
    }

    static Request allocateRequest(Attribute... extra) {
        Request request = MessageFactory.createAllocateRequest(UDP, false);
        for (Attribute attribute : extra) {
            request.putAttribute(attribute);
        }
        return request;
    }

    StunAnswer createPermission(InetSocketAddress peer) throws IOException {
        byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
        return send(MessageFactory.createCreatePermissionRequest(transport(peer), transactionId), transactionId);
    }

    StunAnswer channelBind(int channel, InetSocketAddress peer) throws IOException {
        byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
        return send(MessageFactory.createChannelBindRequest((char) channel, transport(peer), transactionId),
                transactionId);
    }

    StunAnswer refresh(int lifetimeSeconds) throws IOException {
        return send(MessageFactory.createRefreshRequest(lifetimeSeconds));
    }

    /** Sends a request (signed when credentials are in use) and waits for its response. */
    StunAnswer send(Request request) throws IOException {
        return send(request, TransactionID.createNewTransactionID().getBytes());
    }

    private StunAnswer send(Request request, byte[] transactionId) throws IOException {
        try {
            request.setTransactionID(transactionId);
            if (session != null) {
                session.addAttributes(request);
            }
        } catch (StunException e) {
            throw new IOException("ice4j refused to build " + request.getName(), e);
        }
        byte[] bytes = request.encode(stack);
        String key = HexFormat.of().formatHex(transactionId);
        CompletableFuture<StunAnswer> answer = new CompletableFuture<>();
        pending.put(key, answer);
        try {
            for (int attempt = 0; attempt < REQUEST_ATTEMPTS; attempt++) {
                sendRaw(bytes);
                try {
                    return answer.get(RETRANSMIT_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // retransmit with the same transaction id: the relay answers from its cache
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the answer to " + request.getName(), e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pending.remove(key);
        }
        throw new IOException("no answer to " + request.getName() + " from " + server + " after "
                + REQUEST_ATTEMPTS + " transmissions; undecodable datagrams: " + undecodable());
    }

    /** Whether ice4j's own check of the answer's MESSAGE-INTEGRITY passes with the session's key. */
    boolean integrityHolds(StunAnswer answer) {
        MessageIntegrityAttribute integrity = (MessageIntegrityAttribute) answer.response()
                .getAttribute(Attribute.MESSAGE_INTEGRITY);
        if (integrity == null || session == null) {
            return false;
        }
        String username = new String(session.getUsername(), StandardCharsets.UTF_8);
        return stack.validateMessageIntegrity(integrity, username, false,
                RawMessage.build(answer.bytes(), answer.bytes().length, localTransport(), server));
    }

    /** A Send indication (RFC 8656 §10.1), built by ice4j. */
    void sendIndication(InetSocketAddress peer, byte[] data) throws IOException {
        byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
        Indication indication = MessageFactory.createSendIndication(transport(peer), data, transactionId);
        try {
            indication.setTransactionID(transactionId);
        } catch (StunException e) {
            throw new IOException(e);
        }
        sendRaw(indication.encode(stack));
    }

    /** ChannelData (RFC 8656 §12.4), built by ice4j. */
    void sendChannelData(int channel, byte[] data) throws IOException {
        sendRaw(channelData(channel, data));
    }

    static byte[] channelData(int channel, byte[] data) throws IOException {
        ChannelData message = new ChannelData();
        message.setChannelNumber((char) channel);
        message.setData(data);
        try {
            return message.encode();
        } catch (StunException e) {
            throw new IOException(e);
        }
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** The next data relayed from a peer, or null after {@code timeoutMillis}. */
    Relayed nextRelayed(long timeoutMillis) throws InterruptedException {
        return relayed.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    synchronized List<String> undecodable() {
        return List.copyOf(undecodable);
    }

    private void read() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                continue;
            }
            byte[] bytes = Arrays.copyOf(buffer, packet.getLength());
            try {
                dispatch(bytes);
            } catch (StunException | RuntimeException e) {
                synchronized (this) {
                    undecodable.add(e + ": " + HexFormat.of().formatHex(bytes));
                }
            }
        }
    }

    private void dispatch(byte[] bytes) throws StunException {
        if (bytes.length > 0 && (bytes[0] & 0xC0) == 0x40) {
            ChannelData data = ChannelData.decode(bytes, (char) 0);
            relayed.add(new Relayed(data.getChannelNumber(), null, data.getData()));
            return;
        }
        Message message = Message.decode(bytes, 0, bytes.length);
        if (message instanceof Response response) {
            CompletableFuture<StunAnswer> waiting = pending.get(HexFormat.of().formatHex(response.getTransactionID()));
            if (waiting != null) {
                waiting.complete(new StunAnswer(response, bytes));
            }
        } else if (message.getMessageType() == Message.DATA_INDICATION) {
            XorPeerAddressAttribute peer = (XorPeerAddressAttribute) message.getAttribute(Attribute.XOR_PEER_ADDRESS);
            DataAttribute data = (DataAttribute) message.getAttribute(Attribute.DATA);
            relayed.add(new Relayed(Relayed.NO_CHANNEL, peer.getAddress(message.getTransactionID()), data.getData()));
        }
    }

    private TransportAddress localTransport() {
        return new TransportAddress(localAddress(), Transport.UDP);
    }

    private static TransportAddress transport(InetSocketAddress address) {
        return new TransportAddress(address, Transport.UDP);
    }

    /**
     * REQUESTED-ADDRESS-FAMILY as RFC 8656 §18.1 defines it: 32 bits, the family in the first byte.
     * ice4j's RequestedAddressFamilyAttribute writes a 1-byte value, which the relay rightly refuses.
     */
    static Attribute requestedAddressFamily(char family) {
        return attribute(Attribute.REQUESTED_ADDRESS_FAMILY, (byte) family, 0, 0, 0);
    }

    /**
     * EVEN-PORT with the R bit set (RFC 8656 §18.6: reserve the next port too). ice4j's
     * EvenPortAttribute writes {@code (byte) 256}, that is 0, for R, so it never asks to reserve.
     */
    static Attribute evenPortReservingNext() {
        return attribute(Attribute.EVEN_PORT, 0x80, 0, 0, 0);
    }

    /** An attribute with the given value, encoded by ice4j's generic attribute class. */
    private static Attribute attribute(char type, int... value) {
        byte[] bytes = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            bytes[i] = (byte) value[i];
        }
        OptionalAttribute attribute = new OptionalAttribute(type) {
        };
        attribute.setBody(bytes, 0, bytes.length);
        return attribute;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5_000);
        stack.shutDown();
    }
}
