package io.turnfleet.credentials;

import io.turnfleet.credentials.fleet.FleetFile;
import io.turnfleet.credentials.fleet.RelayChoice;
import io.turnfleet.credentials.rest.CredentialTerms;
import io.turnfleet.credentials.rest.RestCredential;
import io.turnfleet.credentials.rest.SigningSecret;
import java.time.Clock;
import java.util.List;

/**
 * Issues one credential: signed with the current secret, for the least loaded serving relays.
 * Refuses ({@link Unavailable}) while the secret or the fleet is unknown or no relay serves, rather
 * than handing out a credential nobody can use.
 */
public final class CredentialIssuer {

  /** A credential and the URIs it is good for. */
  public record Issued(RestCredential credential, List<String> uris) {}

  /** Nothing usable to hand out now; the message is safe to show the caller. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  private final SigningSecret secret;
  private final FleetFile fleet;
  private final RelayChoice choice;
  private final CredentialTerms terms;
  private final Clock clock;

  public CredentialIssuer(SigningSecret secret, FleetFile fleet, RelayChoice choice, CredentialTerms terms,
      Clock clock) {
    this.secret = secret;
    this.fleet = fleet;
    this.choice = choice;
    this.terms = terms;
    this.clock = clock;
  }

  /** Ready once the secret and the fleet file have been read. */
  public boolean ready() {
    return secret.current().isPresent() && fleet.relays().isPresent();
  }

  /**
   * @param user the user part of the username, already checked or taken from the caller
   * @param ttl the requested {@code ttl} parameter, null for the maximum
   */
  public Issued issue(String user, String ttl) {
    long seconds = terms.ttl(ttl);
    byte[] key = secret.current().orElseThrow(() -> new Unavailable("the shared secret has not been read yet"));
    List<String> uris = choice.uris(fleet.relays()
        .orElseThrow(() -> new Unavailable("the fleet file has not been read yet")));
    if (uris.isEmpty()) {
      throw new Unavailable("no relay is ready and serving");
    }
    return new Issued(RestCredential.sign(key, user, clock.instant().getEpochSecond(), seconds), uris);
  }

  public CredentialTerms terms() {
    return terms;
  }
}
