package io.turnfleet.credentials.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The fleet file the operator writes ({@code relays.json} of ConfigMap
 * {@code <name>-credentials-relays}):
 * <pre>{"relays":[{"name":"pod","ready":true,"draining":false,"load":0.25,
 *   "uris":["turn:203.0.113.7:3478?transport=udp"]}]}</pre>
 * {@code load} is null while the relay's load is unknown.
 */
public final class FleetDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FleetDocument() {}

  /** Parses a fleet file; an IOException names what is wrong. */
  public static List<Relay> parse(byte[] json) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IOException("fleet file is not JSON");
    }
    if (root == null || !root.path("relays").isArray()) {
      throw new IOException("fleet file has no relays array");
    }
    List<Relay> relays = new ArrayList<>();
    for (JsonNode relay : root.get("relays")) {
      relays.add(relay(relay, relays.size()));
    }
    return List.copyOf(relays);
  }

  private static Relay relay(JsonNode node, int index) throws IOException {
    String where = "fleet file relays[" + index + "]";
    if (!node.path("name").isTextual() || !node.path("ready").isBoolean() || !node.path("draining").isBoolean()
        || !node.path("uris").isArray()) {
      throw new IOException(where + " needs name (text), ready and draining (true/false) and uris (array)");
    }
    JsonNode load = node.path("load");
    if (!load.isMissingNode() && !load.isNull() && (!load.isNumber() || load.asDouble() < 0)) {
      throw new IOException(where + ".load is " + load + " (expected a non-negative number or null)");
    }
    List<String> uris = new ArrayList<>();
    for (JsonNode uri : node.get("uris")) {
      if (!uri.isTextual() || !(uri.asText().startsWith("turn:") || uri.asText().startsWith("turns:"))) {
        throw new IOException(where + ".uris has " + uri + " (expected a turn: or turns: URI)");
      }
      uris.add(uri.asText());
    }
    return new Relay(node.get("name").asText(), node.get("ready").asBoolean(), node.get("draining").asBoolean(),
        load.isNumber() ? OptionalDouble.of(load.asDouble()) : OptionalDouble.empty(), uris);
  }
}
