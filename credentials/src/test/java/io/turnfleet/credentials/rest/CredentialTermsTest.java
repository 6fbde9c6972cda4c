package io.turnfleet.credentials.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialTermsTest {
  private final CredentialTerms terms = new CredentialTerms(3600);

  @Test
  void noRequestedTtlGrantsTheMaximum() {
    assertThat(terms.ttl(null)).isEqualTo(3600);
  }

  @Test
  void aShorterTtlIsGrantedAsAsked() {
    assertThat(terms.ttl("60")).isEqualTo(60);
  }

  @Test
  void aLongerTtlIsCappedAtTheMaximum() {
    assertThat(terms.ttl("86400")).isEqualTo(3600);
    assertThat(terms.ttl("9999999999")).isEqualTo(3600);
  }

  @Test
  void zeroNegativeAndNonNumericTtlsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> terms.ttl("0")).isInstanceOf(BadCredentialRequest.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> terms.ttl("-5")).isInstanceOf(BadCredentialRequest.class).hasMessageContaining("'-5'");
    assertThatThrownBy(() -> terms.ttl("1h")).isInstanceOf(BadCredentialRequest.class).hasMessageContaining("'1h'");
    assertThatThrownBy(() -> terms.ttl("")).isInstanceOf(BadCredentialRequest.class);
    assertThatThrownBy(() -> terms.ttl("99999999999")).isInstanceOf(BadCredentialRequest.class);
  }

  @Test
  void usersOfSafeCharactersAreKept() {
    assertThat(terms.user("alice@example.com")).isEqualTo("alice@example.com");
  }

  @Test
  void missingOverlongAndControlCharacterUsersAreRefused() {
    assertThatThrownBy(() -> terms.user(null)).isInstanceOf(BadCredentialRequest.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> terms.user("a".repeat(CredentialTerms.MAX_USER_LENGTH + 1)))
        .isInstanceOf(BadCredentialRequest.class);
    assertThatThrownBy(() -> terms.user("bob\r\nX-Injected: 1")).isInstanceOf(BadCredentialRequest.class)
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> terms.user("a:b")).isInstanceOf(BadCredentialRequest.class);
  }
}
