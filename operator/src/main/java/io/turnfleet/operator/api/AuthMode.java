package io.turnfleet.operator.api;

/** How clients authenticate to the relays. */
public enum AuthMode {
  /** TURN REST ephemeral credentials signed with a shared secret (generated unless referenced). */
  SharedSecret,
  /** Static long-term credentials from a users file in a Secret. */
  StaticUsers
}
