package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Test;

import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReservationTokensTest {

    private static final long T0 = 1_000_000_000_000L;
    private static final long THIRTY_SECONDS = TimeUnit.SECONDS.toNanos(30);

    private final RelayPortPool ports = new RelayPortPool(50000, 50009, () -> 0L);
    private final ReservationTokens tokens = new ReservationTokens(ports, new SplittableRandom(3));

    @Test
    void reservedPortIsRedeemedOnceByItsToken() {
        ports.acquire(50001);
        long token = tokens.reserve(50001, true, T0);

        assertThat(tokens.redeem(token, T0 + THIRTY_SECONDS - 1).port()).isEqualTo(50001);
        assertThat(tokens.redeem(token, T0 + THIRTY_SECONDS - 1)).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void redeemedReservationCarriesTheFamilyOfTheAllocationThatReservedIt() {
        ports.acquire(50001);
        long token = tokens.reserve(50001, false, T0);

        assertThat(tokens.redeem(token, T0).ipv4()).isFalse();
    }

    @Test
    void redeemedPortStaysInUseForItsNewOwner() {
        ports.acquire(50001);
        tokens.redeem(tokens.reserve(50001, true, T0), T0);

        assertThat(ports.inUse()).isEqualTo(1);
        assertThat(ports.acquire(50001)).isFalse();
    }

    @Test
    void unknownTokenRedeemsNothing() {
        ports.acquire(50001);
        long token = tokens.reserve(50001, true, T0);

        assertThat(tokens.redeem(token + 1, T0)).isNull();
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void tokenRedeemedAfterThirtySecondsFailsAndReturnsThePortToThePool() {
        ports.acquire(50001);
        long token = tokens.reserve(50001, true, T0);

        assertThat(tokens.redeem(token, T0 + THIRTY_SECONDS)).isNull();

        assertThat(ports.inUse()).isZero();
        assertThat(ports.acquire(50001)).isTrue();
    }

    @Test
    void removeExpiredReturnsThePortsOfExpiredReservationsOnly() {
        ports.acquire(50001);
        ports.acquire(50003);
        tokens.reserve(50001, true, T0);
        long later = tokens.reserve(50003, true, T0 + TimeUnit.SECONDS.toNanos(10));

        tokens.removeExpired(T0 + THIRTY_SECONDS);

        assertThat(tokens.size()).isEqualTo(1);
        assertThat(ports.inUse()).isEqualTo(1);
        assertThat(ports.acquire(50001)).isTrue();
        assertThat(tokens.redeem(later, T0 + THIRTY_SECONDS).port()).isEqualTo(50003);
    }

    @Test
    void tokensStayDistinctWhenTheRandomSourceRepeatsItself() {
        PrimitiveIterator.OfLong values = LongStream.of(5, 5, 6).iterator();
        RandomGenerator repeating = values::nextLong;
        ReservationTokens repeatingTokens = new ReservationTokens(ports, repeating);
        ports.acquire(50001);
        ports.acquire(50003);

        long first = repeatingTokens.reserve(50001, true, T0);
        long second = repeatingTokens.reserve(50003, true, T0);

        assertThat(first).isEqualTo(5);
        assertThat(second).isEqualTo(6);
        assertThat(repeatingTokens.redeem(second, T0).port()).isEqualTo(50003);
        assertThat(repeatingTokens.redeem(first, T0).port()).isEqualTo(50001);
    }
}
