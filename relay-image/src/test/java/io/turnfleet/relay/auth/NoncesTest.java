package io.turnfleet.relay.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.time.Duration;

import static io.turnfleet.relay.auth.Nonces.Status.INVALID;
import static io.turnfleet.relay.auth.Nonces.Status.STALE;
import static io.turnfleet.relay.auth.Nonces.Status.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoncesTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long LIFETIME = 600_000;
    private static final InetAddress CLIENT = address("192.0.2.10");
    private static final InetAddress OTHER = address("192.0.2.11");
    private static final InetAddress CLIENT_V6 = address("2001:db8::10");

    private final Nonces bound = new Nonces(Duration.ofMillis(LIFETIME), true);
    private final Nonces unbound = new Nonces(Duration.ofMillis(LIFETIME), false);

    private static InetAddress address(String literal) {
        return io.turnfleet.relay.turn.IpLiteral.toInetAddress(literal);
    }

    @Test
    void freshNonceIsValidUntilItsExpiry() {
        String nonce = bound.issue(CLIENT, NOW);
        assertThat(bound.check(nonce, CLIENT, NOW)).isEqualTo(VALID);
        assertThat(bound.check(nonce, CLIENT, NOW + LIFETIME)).isEqualTo(VALID);
        assertThat(bound.check(nonce, CLIENT, NOW + LIFETIME + 1)).isEqualTo(STALE);
    }

    @Test
    void boundNonceFromAnotherAddressIsStale() {
        String nonce = bound.issue(CLIENT, NOW);
        assertThat(bound.check(nonce, OTHER, NOW)).isEqualTo(STALE);
        assertThat(bound.check(nonce, CLIENT_V6, NOW)).isEqualTo(STALE);
    }

    @Test
    void boundNonceCheckedFromItsAddressStaysStaleFromAnother() {
        String nonce = bound.issue(CLIENT, NOW);
        assertThat(bound.check(nonce, CLIENT, NOW)).isEqualTo(VALID);
        assertThat(bound.check(nonce, OTHER, NOW)).isEqualTo(STALE);
        assertThat(bound.check(nonce, CLIENT, NOW)).isEqualTo(VALID);
    }

    @Test
    void nonceIssuedInTheSameSecondToAnotherAddressIsBoundToThatAddress() {
        String first = bound.issue(CLIENT, NOW);
        String other = bound.issue(OTHER, NOW);
        assertThat(other).isNotEqualTo(first);
        assertThat(bound.issue(CLIENT, NOW - 500)).as("same expiry second").isEqualTo(first);
        assertThat(bound.check(other, OTHER, NOW)).isEqualTo(VALID);
        assertThat(bound.check(other, CLIENT, NOW)).isEqualTo(STALE);
    }

    @Test
    void unboundNonceIsValidFromAnyAddress() {
        String nonce = unbound.issue(CLIENT, NOW);
        assertThat(unbound.check(nonce, OTHER, NOW)).isEqualTo(VALID);
        assertThat(unbound.check(nonce, OTHER, NOW + LIFETIME + 1)).isEqualTo(STALE);
    }

    @Test
    void nonceIsPrintableAsciiShorterThan128Characters() {
        for (Nonces nonces : new Nonces[] {bound, unbound}) {
            for (InetAddress client : new InetAddress[] {CLIENT, CLIENT_V6}) {
                String nonce = nonces.issue(client, NOW);
                assertThat(nonce).hasSizeLessThan(128).matches("[A-Za-z0-9_-]+");
            }
        }
    }

    @Test
    void noncesDifferOverTime() {
        assertThat(bound.issue(CLIENT, NOW)).isNotEqualTo(bound.issue(CLIENT, NOW + 1));
    }

    @Test
    void alteredExpiryOrAuthenticityTagIsInvalidAndAlteredAddressTagIsStale() {
        String nonce = bound.issue(CLIENT, NOW);
        assertThat(nonce).hasSize(16);
        for (int i = 0; i < nonce.length(); i++) {
            char replacement = nonce.charAt(i) == 'A' ? 'B' : 'A';
            String altered = nonce.substring(0, i) + replacement + nonce.substring(i + 1);
            assertThat(bound.check(altered, CLIENT, NOW)).as("position %d", i).isEqualTo(i < 12 ? INVALID : STALE);
        }
    }

    @Test
    void everyAlteredCharacterOfAnUnboundNonceMakesItInvalid() {
        String nonce = unbound.issue(CLIENT, NOW);
        assertThat(nonce).hasSize(16);
        for (int i = 0; i < nonce.length(); i++) {
            char replacement = nonce.charAt(i) == 'A' ? 'B' : 'A';
            String altered = nonce.substring(0, i) + replacement + nonce.substring(i + 1);
            assertThat(unbound.check(altered, CLIENT, NOW)).as("position %d", i).isEqualTo(INVALID);
        }
    }

    @Test
    void nonceOfAnotherProcessIsInvalid() {
        Nonces otherProcess = new Nonces(Duration.ofMillis(LIFETIME), true);
        assertThat(otherProcess.check(bound.issue(CLIENT, NOW), CLIENT, NOW)).isEqualTo(INVALID);
    }

    @Test
    void nonceOfAnUnboundSourceIsInvalidForABoundOne() {
        assertThat(bound.check(unbound.issue(CLIENT, NOW), CLIENT, NOW)).isEqualTo(INVALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"x", "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "f//499k954d6OL34oL9FSTvy64sAf//499k954d6OL34oL9FSTvy64sA"})
    void garbageIsInvalid(String nonce) {
        assertThat(bound.check(nonce, CLIENT, NOW)).isEqualTo(INVALID);
    }

    @Test
    void lifetimeMustBePositive() {
        assertThatThrownBy(() -> new Nonces(Duration.ZERO, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
