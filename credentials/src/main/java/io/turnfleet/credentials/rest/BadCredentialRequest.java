package io.turnfleet.credentials.rest;

/** A request parameter out of bounds; the message names it and is safe to show the caller. */
public final class BadCredentialRequest extends RuntimeException {
  public BadCredentialRequest(String message) {
    super(message);
  }
}
