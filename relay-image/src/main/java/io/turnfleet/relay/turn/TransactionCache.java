package io.turnfleet.relay.turn;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answers kept for retransmitted requests. Over UDP a client resends a request until it hears an
 * answer; the first answer may have been lost, and processing the request again would not give the
 * same result (a second Allocate would get 437, a repeated Refresh-to-zero 437). RFC 8489 §6.3.1
 * asks servers to remember answers for 40 seconds. An answer is found only for the same source,
 * method and transaction id: a request of another method that reuses a transaction id is a new
 * request. Only answers to authenticated requests are kept (the caller's rule): a challenge costs
 * nothing to repeat, and a flood of them must not push real answers out. Bounded in size; not
 * thread-safe (one per event loop).
 */
public final class TransactionCache {
    static final long LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(40);

    /** A stored key never changes; {@link #probe} is refilled for each lookup, so a lookup allocates nothing. */
    private static final class Key {
        private InetSocketAddress client;
        private int method;
        private long transactionHigh;
        private int transactionLow;

        Key set(InetSocketAddress client, int method, long transactionHigh, int transactionLow) {
            this.client = client;
            this.method = method;
            this.transactionHigh = transactionHigh;
            this.transactionLow = transactionLow;
            return this;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.transactionHigh == transactionHigh
                    && key.transactionLow == transactionLow && key.method == method && key.client.equals(client);
        }

        @Override
        public int hashCode() {
            return ((31 * Long.hashCode(transactionHigh) + transactionLow) * 31 + method) * 31 + client.hashCode();
        }
    }

    private record Answer(byte[] bytes, long expiresAtNanos) {
    }

    private final Map<Key, Answer> answers;
    private final Key probe = new Key();

    public TransactionCache(int capacity) {
        this.answers = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    public void remember(InetSocketAddress client, int method, long transactionHigh, int transactionLow,
                         byte[] answer, long nowNanos) {
        answers.put(new Key().set(client, method, transactionHigh, transactionLow),
                new Answer(answer, nowNanos + LIFETIME_NANOS));
    }

    /** The remembered answer bytes, or null. The caller must not modify them. */
    public byte[] find(InetSocketAddress client, int method, long transactionHigh, int transactionLow,
                       long nowNanos) {
        Answer answer = answers.get(probe.set(client, method, transactionHigh, transactionLow));
        probe.client = null;
        if (answer == null || nowNanos - answer.expiresAtNanos() >= 0) {
            return null;
        }
        return answer.bytes();
    }

    public void removeExpired(long nowNanos) {
        answers.values().removeIf(answer -> nowNanos - answer.expiresAtNanos() >= 0);
    }

    public int size() {
        return answers.size();
    }
}
