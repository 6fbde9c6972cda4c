package io.turnfleet.bench.turn;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.MessageIntegrity;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's side of one TURN allocation: its credentials, nonce, relayed address and channel,
 * and the one transaction it has open. Retransmits over UDP (RFC 8489 §6.2.1, with a shorter
 * schedule than the RFC's: loopback runs should fail fast). Times are caller-supplied nanoseconds.
 * Not thread-safe: one event loop owns it.
 */
public final class ClientAllocation {
    static final long INITIAL_RTO_NANOS = 250_000_000L;
    static final int MAX_TRANSMISSIONS = 5;
    static final int MAX_NONCE_RETRIES = 3;

    private final int id;
    private final int channelNumber;
    private InetSocketAddress peer;
    private final Credentials credentials;
    private final SetupListener listener;
    private ClientLink link;

    private String realm;
    private String nonce;
    private InetSocketAddress relayed;
    private boolean channelBound;

    private Operation operation;
    private boolean authenticated;
    private int nonceRetries;
    private long transactionHigh;
    private int transactionLow;
    private ByteBuf request;
    private int transmissions;
    private long rto;
    private long retransmitAt;

    /**
     * @param channelNumber the channel this allocation binds to {@code peer}; 0x4000-0x7FFF
     * @param peer          where the channel leads; null until {@link #bindTo} names it
     */
    public ClientAllocation(int id, int channelNumber, InetSocketAddress peer, Credentials credentials,
                            SetupListener listener) {
        this.id = id;
        this.channelNumber = channelNumber;
        this.peer = peer;
        this.credentials = credentials;
        this.listener = listener;
    }

    public void attach(ClientLink link) {
        this.link = link;
    }

    /** Sets the peer the next ChannelBind binds this allocation's channel to. */
    public void bindTo(InetSocketAddress newPeer) {
        this.peer = newPeer;
    }

    public ClientLink link() {
        return link;
    }

    public int id() {
        return id;
    }

    public int channelNumber() {
        return channelNumber;
    }

    /** The relayed transport address the server granted, or null before a successful Allocate. */
    public InetSocketAddress relayed() {
        return relayed;
    }

    /** Whether a ChannelBind succeeded (and no Refresh 0 has deleted the allocation since). */
    public boolean channelBound() {
        return channelBound;
    }

    public boolean busy() {
        return operation != null;
    }

    /** Starts {@code next}; the allocation must not be busy. */
    public void begin(Operation next, long now) {
        if (operation != null) {
            throw new IllegalStateException("allocation " + id + " is busy with " + operation);
        }
        if (next != Operation.ALLOCATE && relayed == null) {
            throw new IllegalStateException("allocation " + id + " has no relayed address for " + next);
        }
        if (next == Operation.CHANNEL_BIND && peer == null) {
            throw new IllegalStateException("allocation " + id + " has no peer to bind its channel to");
        }
        operation = next;
        nonceRetries = 0;
        authenticated = next != Operation.ALLOCATE;
        transmit(now);
    }

    /** Handles a STUN message that arrived on this allocation's socket; ignores other transactions. */
    public void onResponse(StunMessage message, long now) {
        if (operation == null || message.transactionHigh() != transactionHigh
                || message.transactionLow() != transactionLow || message.method() != operation.method()) {
            return;
        }
        try {
            if (message.messageClass() == MessageClass.SUCCESS_RESPONSE) {
                onSuccess(message);
            } else if (message.messageClass() == MessageClass.ERROR_RESPONSE) {
                onError(message, now);
            }
        } catch (StunParseException e) {
            finish("malformed response: " + e.getMessage());
        }
    }

    /** Retransmits or gives up when the current transaction's timer has expired. */
    public void onTimer(long now) {
        if (operation == null || now - retransmitAt < 0) {
            return;
        }
        if (transmissions >= MAX_TRANSMISSIONS) {
            finish("no response after " + transmissions + " transmissions");
            return;
        }
        transmissions++;
        rto *= 2;
        retransmitAt = now + rto;
        link.send(request.retainedDuplicate());
    }

    private void onSuccess(StunMessage message) throws StunParseException {
        if (authenticated && !MessageIntegrity.verify(message, credentials.longTermKey(realm))) {
            finish("success response failed its MESSAGE-INTEGRITY check");
            return;
        }
        if (operation == Operation.ALLOCATE) {
            int index = message.find(AttributeType.XOR_RELAYED_ADDRESS);
            if (index < 0) {
                finish("success response without XOR-RELAYED-ADDRESS");
                return;
            }
            relayed = message.xorAddress(index);
        }
        finish(null);
    }

    private void onError(StunMessage message, long now) throws StunParseException {
        int code = errorCode(message);
        boolean challenge = code == ErrorCode.UNAUTHENTICATED.code() && !authenticated;
        boolean stale = code == ErrorCode.STALE_NONCE.code() && nonceRetries < MAX_NONCE_RETRIES;
        int nonceIndex = message.find(AttributeType.NONCE);
        if ((challenge || stale) && nonceIndex >= 0) {
            int realmIndex = message.find(AttributeType.REALM);
            if (realmIndex >= 0) {
                realm = message.text(realmIndex);
            } else if (realm == null) {
                finish(code + " without REALM");
                return;
            }
            nonce = message.text(nonceIndex);
            if (stale) {
                nonceRetries++;
            }
            authenticated = true;
            transmit(now);
            return;
        }
        int reasonIndex = message.find(AttributeType.ERROR_CODE);
        String reason = reasonIndex >= 0 && message.valueLength(reasonIndex) > 4
                ? message.buffer().toString(message.valueOffset(reasonIndex) + 4,
                message.valueLength(reasonIndex) - 4, java.nio.charset.StandardCharsets.UTF_8)
                : "";
        finish((code + " " + reason).trim());
    }

    static int errorCode(StunMessage message) throws StunParseException {
        int index = message.find(AttributeType.ERROR_CODE);
        if (index < 0 || message.valueLength(index) < 4) {
            throw new StunParseException("error response without a valid ERROR-CODE");
        }
        int offset = message.valueOffset(index);
        ByteBuf buf = message.buffer();
        return (buf.getByte(offset + 2) & 0x07) * 100 + (buf.getByte(offset + 3) & 0xFF);
    }

    private void transmit(long now) {
        releaseRequest();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        transactionHigh = random.nextLong();
        transactionLow = random.nextInt();
        ByteBuf out = link.alloc().buffer(256);
        try {
            writeRequest(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        request = out;
        transmissions = 1;
        rto = INITIAL_RTO_NANOS;
        retransmitAt = now + rto;
        link.send(request.retainedDuplicate());
    }

    private void writeRequest(ByteBuf out) {
        if (!authenticated) {
            TurnRequests.allocate(out, transactionHigh, transactionLow);
            return;
        }
        LongTermAuth auth = new LongTermAuth(credentials.username(), realm, nonce, credentials.longTermKey(realm));
        switch (operation) {
            case ALLOCATE -> TurnRequests.allocate(out, transactionHigh, transactionLow, auth);
            case CHANNEL_BIND -> TurnRequests.channelBind(out, transactionHigh, transactionLow, channelNumber, peer, auth);
            case REFRESH_ZERO -> TurnRequests.refresh(out, transactionHigh, transactionLow, 0, auth);
        }
    }

    private void finish(String failure) {
        Operation done = operation;
        operation = null;
        releaseRequest();
        if (failure == null && done == Operation.CHANNEL_BIND) {
            channelBound = true;
        } else if (failure == null && done == Operation.REFRESH_ZERO) {
            relayed = null;
            channelBound = false;
        }
        listener.completed(this, done, failure == null ? null : done.displayName() + ": " + failure);
    }

    private void releaseRequest() {
        if (request != null) {
            request.release();
            request = null;
        }
    }
}
