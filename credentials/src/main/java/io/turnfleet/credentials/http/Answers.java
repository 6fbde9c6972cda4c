package io.turnfleet.credentials.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnfleet.credentials.rest.RestCredential;
import java.util.List;

/** The JSON bodies the service answers with. Pure. */
final class Answers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  /**
   * WebRTC's RTCConfiguration.iceServers (W3C webrtc-pc, RTCIceServer dictionary): pass
   * {@code iceServers} to {@code new RTCPeerConnection(...)} as it is. {@code expiresAt} is in Unix
   * seconds, like the expiry in the username.
   */
  static String iceServers(RestCredential credential, List<String> uris) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode server = root.putArray("iceServers").addObject();
    urls(server.putArray("urls"), uris);
    server.put("username", credential.username());
    server.put("credential", credential.password());
    root.put("expiresAt", credential.expiresAtEpochSeconds());
    root.put("ttl", credential.ttlSeconds());
    return root.toString();
  }

  /** draft-uberti-behave-turn-rest-00 section 2.2: username, password, ttl, uris. */
  static String restApi(RestCredential credential, List<String> uris) {
    ObjectNode root = JSON.createObjectNode();
    root.put("username", credential.username());
    root.put("password", credential.password());
    root.put("ttl", credential.ttlSeconds());
    urls(root.putArray("uris"), uris);
    return root.toString();
  }

  static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  private static void urls(ArrayNode array, List<String> uris) {
    uris.forEach(array::add);
  }
}
