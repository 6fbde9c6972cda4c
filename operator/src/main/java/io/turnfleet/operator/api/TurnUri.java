package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A TURN URI (RFC 7065) of one ready relay listener. */
public class TurnUri {
  @JsonPropertyDescription("URI, e.g. turn:203.0.113.7:3478?transport=udp.")
  private String uri;

  @JsonPropertyDescription("Client transport: udp, tcp or tls.")
  private String transport;

  public TurnUri() {}

  public TurnUri(String uri, String transport) {
    this.uri = uri;
    this.transport = transport;
  }

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public String getTransport() {
    return transport;
  }

  public void setTransport(String transport) {
    this.transport = transport;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TurnUri other && Objects.equals(uri, other.uri) && Objects.equals(transport, other.transport);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, transport);
  }

  @Override
  public String toString() {
    return uri;
  }
}
