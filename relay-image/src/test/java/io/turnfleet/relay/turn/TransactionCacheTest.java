package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionCacheTest {

    private static final long T0 = 5_000_000_000L;
    private static final long FORTY_SECONDS = TimeUnit.SECONDS.toNanos(40);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final InetSocketAddress OTHER_CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40001);
    private static final byte[] ANSWER = {1, 2, 3};
    private static final int ALLOCATE = io.turnfleet.relay.stun.Method.ALLOCATE;
    private static final int BINDING = io.turnfleet.relay.stun.Method.BINDING;

    private final TransactionCache cache = new TransactionCache(100);

    @Test
    void answerIsRememberedForFortySeconds() {
        cache.remember(CLIENT, ALLOCATE, 7L, 8, ANSWER, T0);

        assertThat(cache.find(CLIENT, ALLOCATE, 7L, 8, T0 + FORTY_SECONDS - 1)).isSameAs(ANSWER);
        assertThat(cache.find(CLIENT, ALLOCATE, 7L, 8, T0 + FORTY_SECONDS)).isNull();
    }

    @Test
    void answerBelongsToItsClientAndWholeTransactionId() {
        cache.remember(CLIENT, ALLOCATE, 7L, 8, ANSWER, T0);

        assertThat(cache.find(OTHER_CLIENT, ALLOCATE, 7L, 8, T0)).isNull();
        assertThat(cache.find(CLIENT, ALLOCATE, 7L, 9, T0)).isNull();
        assertThat(cache.find(CLIENT, ALLOCATE, 6L, 8, T0)).isNull();
    }

    @Test
    void aRequestOfAnotherMethodReusingTheTransactionIdFindsNothing() {
        cache.remember(CLIENT, ALLOCATE, 7L, 8, ANSWER, T0);

        assertThat(cache.find(CLIENT, BINDING, 7L, 8, T0)).isNull();
        assertThat(cache.find(CLIENT, ALLOCATE, 7L, 8, T0)).isSameAs(ANSWER);
    }

    @Test
    void oldestAnswerIsDroppedWhenFull() {
        TransactionCache small = new TransactionCache(2);
        small.remember(CLIENT, ALLOCATE, 1L, 1, ANSWER, T0);
        small.remember(CLIENT, ALLOCATE, 2L, 2, ANSWER, T0);

        small.remember(CLIENT, ALLOCATE, 3L, 3, ANSWER, T0);

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.find(CLIENT, ALLOCATE, 1L, 1, T0)).isNull();
        assertThat(small.find(CLIENT, ALLOCATE, 2L, 2, T0)).isNotNull();
        assertThat(small.find(CLIENT, ALLOCATE, 3L, 3, T0)).isNotNull();
    }

    @Test
    void removeExpiredDropsOnlyAnswersOlderThanFortySeconds() {
        cache.remember(CLIENT, ALLOCATE, 1L, 1, ANSWER, T0);
        cache.remember(CLIENT, ALLOCATE, 2L, 2, ANSWER, T0 + TimeUnit.SECONDS.toNanos(10));

        cache.removeExpired(T0 + FORTY_SECONDS);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.find(CLIENT, ALLOCATE, 2L, 2, T0 + FORTY_SECONDS)).isNotNull();
    }
}
