package io.turnfleet.relay.auth;

import io.turnfleet.relay.turn.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceRateLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(-5 * SECOND);

    private static InetAddress ip(String literal) {
        return IpLiteral.toInetAddress(literal);
    }

    private SourceRateLimit limit(double perSecond, int burst, int capacity) {
        return new SourceRateLimit(perSecond, burst, capacity, clock::get);
    }

    private static int admitted(SourceRateLimit limit, InetAddress source, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            admitted += limit.tryAcquire(source) ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void quietSourceGetsTheBurstAndThenNothing() {
        SourceRateLimit limit = limit(10, 5, 1024);
        assertThat(admitted(limit, ip("192.0.2.1"), 100)).isEqualTo(5);
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        SourceRateLimit limit = limit(10, 5, 1024);
        InetAddress source = ip("192.0.2.1");
        admitted(limit, source, 5);
        assertThat(limit.tryAcquire(source)).isFalse();

        clock.addAndGet(SECOND / 10);
        assertThat(limit.tryAcquire(source)).isTrue();
        assertThat(limit.tryAcquire(source)).isFalse();

        clock.addAndGet(SECOND);
        assertThat(admitted(limit, source, 100)).as("a full bucket, not more").isEqualTo(5);
    }

    @Test
    void sustainedRateIsEnforcedOverTime() {
        SourceRateLimit limit = limit(2, 1, 1024);
        InetAddress source = ip("192.0.2.1");
        int admitted = 0;
        for (int step = 0; step < 1000; step++) {
            admitted += limit.tryAcquire(source) ? 1 : 0;
            clock.addAndGet(SECOND / 100);
        }
        assertThat(admitted).isEqualTo(20);
    }

    @Test
    void sourcesAreLimitedIndependently() {
        SourceRateLimit limit = limit(1, 2, 1024);
        assertThat(admitted(limit, ip("192.0.2.1"), 10)).isEqualTo(2);
        assertThat(admitted(limit, ip("192.0.2.2"), 10)).isEqualTo(2);
        assertThat(admitted(limit, ip("2001:db8:1::1"), 10)).isEqualTo(2);
    }

    @Test
    void ipv6SourcesShareTheLimitOfTheirSlash64() {
        SourceRateLimit limit = limit(1, 2, 1024);
        assertThat(admitted(limit, ip("2001:db8:1:2::1"), 1)).isEqualTo(1);
        assertThat(admitted(limit, ip("2001:db8:1:2:ffff::9"), 10)).isEqualTo(1);
        assertThat(admitted(limit, ip("2001:db8:1:3::1"), 10)).isEqualTo(2);
    }

    @Test
    void ipv4AndItsMappedIpv6FormAreOneSource() {
        SourceRateLimit limit = limit(1, 2, 1024);
        assertThat(limit.tryAcquireIpv4(0xc000_0201)).isTrue();
        assertThat(limit.tryAcquireIpv6(0, 0x0000_ffff_c000_0201L)).isTrue();
        assertThat(limit.tryAcquire(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void tableIsBoundedAndAnEvictedSourceStartsOver() {
        SourceRateLimit limit = limit(1, 1, 4);
        for (int i = 1; i <= 5; i++) {
            assertThat(limit.tryAcquire(ip("192.0.2." + i))).isTrue();
        }
        // Four slots for five sources: one was forgotten and gets a fresh bucket; the others stay limited.
        int admittedAgain = 0;
        for (int i = 1; i <= 5; i++) {
            admittedAgain += limit.tryAcquire(ip("192.0.2." + i)) ? 1 : 0;
        }
        assertThat(admittedAgain).isBetween(1, 2);
    }

    @Test
    void sourceWhoseBucketRefilledIsEvictedBeforeOnesStillLimited() {
        SourceRateLimit limit = limit(1, 1, 4);
        assertThat(limit.tryAcquire(ip("192.0.2.1"))).isTrue();
        clock.addAndGet(10 * SECOND);
        for (int i = 2; i <= 4; i++) {
            assertThat(limit.tryAcquire(ip("192.0.2." + i))).isTrue();
        }
        assertThat(limit.tryAcquire(ip("192.0.2.5"))).isTrue();
        for (int i = 2; i <= 5; i++) {
            assertThat(limit.tryAcquire(ip("192.0.2." + i))).as("192.0.2.%d still limited", i).isFalse();
        }
    }

    @Test
    void clockWrapAroundDoesNotBreakTheLimit() {
        clock.set(Long.MAX_VALUE - SECOND / 2);
        SourceRateLimit limit = limit(1, 1, 1024);
        InetAddress source = ip("192.0.2.1");
        assertThat(limit.tryAcquire(source)).isTrue();
        assertThat(limit.tryAcquire(source)).isFalse();
        clock.addAndGet(SECOND);
        assertThat(limit.tryAcquire(source)).isTrue();
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> limit(0, 1, 16)).hasMessageContaining("events per second");
        assertThatThrownBy(() -> limit(Double.NaN, 1, 16)).hasMessageContaining("events per second");
        assertThatThrownBy(() -> limit(1, 0, 16)).hasMessageContaining("burst");
        assertThatThrownBy(() -> limit(1, 1, 0)).hasMessageContaining("capacity");
    }

    @Test
    void aSourceThatAuthenticatesEarnsItsChallengesBack() {
        SourceRateLimit limit = limit(20, 4, 64);
        InetAddress busyNat = ip("198.51.100.7");
        for (int call = 0; call < 1_000; call++) {
            assertThat(limit.tryAcquire(busyNat)).as("challenge %d", call).isTrue();
            limit.credit(busyNat);
        }
    }

    @Test
    void creditToAnIpv4AddressRefundsTheBucketOfItsNumber() {
        SourceRateLimit limit = limit(20, 2, 64);
        assertThat(limit.tryAcquireIpv4(0xc000_0201)).isTrue();
        assertThat(limit.tryAcquireIpv4(0xc000_0201)).isTrue();
        assertThat(limit.tryAcquireIpv4(0xc000_0201)).isFalse();
        limit.credit(ip("192.0.2.1"));
        assertThat(limit.tryAcquireIpv4(0xc000_0201)).isTrue();
    }

    @Test
    void creditNeverGrowsTheBucketBeyondItsBurst() {
        SourceRateLimit limit = limit(20, 4, 64);
        InetAddress source = ip("198.51.100.7");
        limit.tryAcquire(source);
        for (int i = 0; i < 100; i++) {
            limit.credit(source);
        }
        assertThat(admitted(limit, source, 10)).isEqualTo(4);
    }

    @Test
    void creditToOneSourceDoesNotOpenAnother() {
        SourceRateLimit limit = limit(20, 2, 64);
        InetAddress victim = ip("203.0.113.5");
        InetAddress attacker = ip("198.51.100.7");
        assertThat(admitted(limit, victim, 5)).isEqualTo(2);
        limit.credit(attacker);
        assertThat(limit.tryAcquire(victim)).isFalse();
    }
}
