package io.turnfleet.operator.api;

/** Client transport of a listener. */
public enum ListenerProtocol {
  UDP("udp", "turn", "udp"),
  TCP("tcp", "turn", "tcp"),
  TLS("tls", "turns", "tcp");

  private final String relayScheme;
  private final String uriScheme;
  private final String uriTransport;

  ListenerProtocol(String relayScheme, String uriScheme, String uriTransport) {
    this.relayScheme = relayScheme;
    this.uriScheme = uriScheme;
    this.uriTransport = uriTransport;
  }

  /** Scheme of the relay's {@code --listen} URI. */
  public String relayScheme() {
    return relayScheme;
  }

  /** Scheme of the client-facing URI (RFC 7065 section 3.1: {@code turns} means TLS). */
  public String uriScheme() {
    return uriScheme;
  }

  /** Value of the {@code transport} URI parameter (RFC 7065: udp or tcp; TLS runs over tcp). */
  public String uriTransport() {
    return uriTransport;
  }
}
