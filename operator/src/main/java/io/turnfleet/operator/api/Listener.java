package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One client-facing listener of every relay: a transport and a port on the node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Listener {
  public static final int DEFAULT_TURN_PORT = 3478;

  @JsonPropertyDescription("Transport: UDP, TCP or TLS (TURN over TLS on TCP).")
  @Required
  private ListenerProtocol protocol;

  @JsonPropertyDescription("Port on the node.")
  @Required
  @Min(1)
  @Max(65535)
  private Integer port;

  public Listener() {}

  public Listener(ListenerProtocol protocol, int port) {
    this.protocol = protocol;
    this.port = port;
  }

  /** UDP and TCP on 3478, the default TURN port (RFC 8656 section 3.1). */
  static List<Listener> defaults() {
    return new ArrayList<>(List.of(
        new Listener(ListenerProtocol.UDP, DEFAULT_TURN_PORT),
        new Listener(ListenerProtocol.TCP, DEFAULT_TURN_PORT)));
  }

  public ListenerProtocol getProtocol() {
    return protocol;
  }

  public void setProtocol(ListenerProtocol protocol) {
    this.protocol = protocol;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Listener other && protocol == other.protocol && Objects.equals(port, other.port);
  }

  @Override
  public int hashCode() {
    return Objects.hash(protocol, port);
  }

  @Override
  public String toString() {
    return protocol + "/" + port;
  }
}
