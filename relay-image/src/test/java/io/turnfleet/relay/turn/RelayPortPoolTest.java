package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayPortPoolTest {

    /** Always draws the first free port, so tests can name the ports they expect. */
    private static final RandomGenerator FROM_THE_BOTTOM = () -> 0L;

    @Test
    void handsOutEveryPortOfTheRangeOnceThenMinusOne() {
        RelayPortPool pool = new RelayPortPool(50000, 50004, new SplittableRandom(1));
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ports.add(pool.acquire());
        }

        assertThat(ports).containsExactlyInAnyOrder(50000, 50001, 50002, 50003, 50004);
        assertThat(pool.acquire()).isEqualTo(-1);
        assertThat(pool.inUse()).isEqualTo(5);
        assertThat(pool.size()).isEqualTo(5);
    }

    @Test
    void firstPortComesFromARandomPlaceInTheRange() {
        int expectedOffset = new SplittableRandom(42).nextInt(1000);

        RelayPortPool pool = new RelayPortPool(50000, 50999, new SplittableRandom(42));

        assertThat(pool.acquire()).isEqualTo(50000 + expectedOffset);
    }

    @Test
    void consecutiveAllocationsGetPortsFromAllOverTheRange() {
        RelayPortPool pool = new RelayPortPool(50000, 59999, new SplittableRandom(7));
        int previous = pool.acquire();
        int neighbours = 0;
        int below = 0;
        for (int i = 0; i < 1000; i++) {
            int port = pool.acquire();
            neighbours += Math.abs(port - previous) == 1 ? 1 : 0;
            below += port < 55000 ? 1 : 0;
            previous = port;
        }

        assertThat(neighbours).as("RFC 8656 §7.2: not sequential").isLessThan(10);
        assertThat(below).as("both halves of the range are used").isBetween(400, 600);
    }

    @Test
    void aCoolingPortCanStillBeTakenByNumber() {
        RelayPortPool pool = new RelayPortPool(50000, 50009, FROM_THE_BOTTOM);
        int port = pool.acquire();
        pool.release(port);

        assertThat(pool.acquire(port)).isTrue();
        assertThat(pool.inUse()).isEqualTo(1);
        assertThat(pool.acquire(port)).isFalse();
    }

    @Test
    void coolingPortsComeBackOldestFirstAlsoAfterOneWasTakenByNumber() {
        RelayPortPool pool = new RelayPortPool(50000, 50039, FROM_THE_BOTTOM);
        for (int i = 0; i < 40; i++) {
            pool.acquire();
        }
        pool.release(50001);
        pool.release(50002);
        pool.release(50003);
        pool.release(50003);

        assertThat(pool.inUse()).isEqualTo(37);
        assertThat(pool.acquire(50002)).isTrue();
        assertThat(pool.acquire()).isEqualTo(50001);
        assertThat(pool.acquire()).isEqualTo(50003);
        assertThat(pool.acquire()).isEqualTo(-1);
        assertThat(pool.inUse()).isEqualTo(40);
    }

    @Test
    void releasedPortIsHandedOutAgainWhenTheRangeIsFull() {
        RelayPortPool pool = new RelayPortPool(50000, 50002, FROM_THE_BOTTOM);
        pool.acquire();
        pool.acquire();
        pool.acquire();

        pool.release(50001);

        assertThat(pool.inUse()).isEqualTo(2);
        assertThat(pool.acquire()).isEqualTo(50001);
        assertThat(pool.acquire()).isEqualTo(-1);
    }

    @Test
    void justReleasedPortIsNotReusedWhileOthersAreFree() {
        RelayPortPool pool = new RelayPortPool(50000, 50009, FROM_THE_BOTTOM);
        int first = pool.acquire();

        pool.release(first);

        assertThat(pool.acquire()).isNotEqualTo(first);
    }

    @Test
    void releasingAFreeOrForeignPortChangesNothing() {
        RelayPortPool pool = new RelayPortPool(50000, 50002, FROM_THE_BOTTOM);
        pool.acquire();

        pool.release(50002);
        pool.release(49999);
        pool.release(-1);

        assertThat(pool.inUse()).isEqualTo(1);
    }

    @Test
    void specificPortIsTakenOnlyWhenInRangeAndFree() {
        RelayPortPool pool = new RelayPortPool(50000, 50009, FROM_THE_BOTTOM);

        assertThat(pool.acquire(50005)).isTrue();
        assertThat(pool.acquire(50005)).isFalse();
        assertThat(pool.acquire(49999)).isFalse();
        assertThat(pool.acquire(50010)).isFalse();
        assertThat(pool.inUse()).isEqualTo(1);
    }

    @Test
    void evenPortIsEvenAndLeavesTheOddNeighbourFree() {
        RelayPortPool pool = new RelayPortPool(50001, 50010, FROM_THE_BOTTOM);

        int port = pool.acquireEven(false);

        assertThat(port % 2).isZero();
        assertThat(pool.inUse()).isEqualTo(1);
        assertThat(pool.acquire(port + 1)).isTrue();
    }

    @Test
    void evenPortWithReserveNextAlsoTakesThePortAboveIt() {
        RelayPortPool pool = new RelayPortPool(50000, 50009, FROM_THE_BOTTOM);

        int port = pool.acquireEven(true);

        assertThat(port % 2).isZero();
        assertThat(pool.inUse()).isEqualTo(2);
        assertThat(pool.acquire(port + 1)).isFalse();
    }

    @Test
    void evenPortWithReserveNextSkipsPairsWhoseOddPortIsTaken() {
        RelayPortPool pool = new RelayPortPool(50000, 50003, FROM_THE_BOTTOM);
        pool.acquire(50001);

        assertThat(pool.acquireEven(true)).isEqualTo(50002);
        assertThat(pool.acquireEven(true)).isEqualTo(-1);
        assertThat(pool.acquireEven(false)).isEqualTo(50000);
    }

    @Test
    void evenPortAtTheTopOfTheRangeCannotReserveBeyondIt() {
        RelayPortPool pool = new RelayPortPool(50000, 50000, FROM_THE_BOTTOM);

        assertThat(pool.acquireEven(true)).isEqualTo(-1);
        assertThat(pool.inUse()).isZero();
        assertThat(pool.acquireEven(false)).isEqualTo(50000);
    }

    @Test
    void evenPortIsMinusOneWhenNoEvenPortIsFree() {
        RelayPortPool pool = new RelayPortPool(50000, 50001, FROM_THE_BOTTOM);
        pool.acquire(50000);

        assertThat(pool.acquireEven(false)).isEqualTo(-1);
    }

    @Test
    void rangeOutsideThePortNumbersIsRefusedNamingIt() {
        assertThatThrownBy(() -> new RelayPortPool(0, 100, FROM_THE_BOTTOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-100");
        assertThatThrownBy(() -> new RelayPortPool(60000, 65536, FROM_THE_BOTTOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("60000-65536");
        assertThatThrownBy(() -> new RelayPortPool(50001, 50000, FROM_THE_BOTTOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50001-50000");
    }
}
