package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.admin.RequestMethod;
import io.turnfleet.relay.log.LoggedAddress;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.BufferBytes;
import io.turnfleet.relay.stun.MessageType;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.turn.TransactionCache;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the answers to a client path's requests, counting them by method and result, and keeps the
 * answers to authenticated requests for retransmissions (RFC 8489 §6.3.1). One per client path, used
 * on its event loop only.
 */
final class Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
    private static final int CAPACITY = 8192;

    private final RelayContext relay;
    private final ClientPath path;
    private final TransactionCache remembered = new TransactionCache(CAPACITY);

    Answers(RelayContext relay, ClientPath path) {
        this.relay = relay;
        this.path = path;
    }

    /** Sends the remembered answer when {@code request} is a retransmission; false when it is not. */
    boolean replay(InetSocketAddress client, StunMessage request) {
        byte[] cached = remembered.find(client, request.method(), request.transactionHigh(),
                request.transactionLow(), System.nanoTime());
        if (cached == null) {
            return false;
        }
        path.send(client, path.alloc().directBuffer(cached.length).writeBytes(cached));
        return true;
    }

    /** Adds SOFTWARE (--software) to the answer to an authenticated request. */
    void software(Answer answer) {
        if (!relay.software().isEmpty()) {
            answer.writer.text(AttributeType.SOFTWARE, relay.software());
        }
    }

    /** Sends the answer to an authenticated request and remembers it for retransmissions; returns its bytes. */
    byte[] send(InetSocketAddress client, Answer answer, RequestMethod metric) {
        ByteBuf out = answer.buffer;
        byte[] copy = new byte[out.readableBytes()];
        BufferBytes.copy(out, out.readerIndex(), copy, 0, copy.length);
        int start = out.readerIndex();
        remembered.remember(client, MessageType.method(out.getUnsignedShort(start)), out.getLong(start + 8),
                out.getInt(start + 16), copy, System.nanoTime());
        sendUnremembered(client, answer, metric);
        return copy;
    }

    /** Sends an answer that a retransmission may as well get afresh: Binding, and every refusal before authentication. */
    void sendUnremembered(InetSocketAddress client, Answer answer, RequestMethod metric) {
        if (metric != null) {
            relay.metrics().request(metric, answer.code);
        }
        if (LOG.isDebugEnabled()) {
            LOG.atDebug().addKeyValue("method", metric).addKeyValue("result", answer.code == 0 ? "success" : answer.code)
                    .addKeyValue("client", LoggedAddress.of(client)).log("answered request");
        }
        path.send(client, answer.buffer);
    }

    void removeExpired(long nowNanos) {
        remembered.removeExpired(nowNanos);
    }
}
