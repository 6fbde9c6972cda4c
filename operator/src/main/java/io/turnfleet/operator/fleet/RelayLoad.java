package io.turnfleet.operator.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One relay's load as its {@code GET /load} reports it (contract.md).
 *
 * @param capacity allocations the relay accepts in total, 0 = unlimited
 * @param bytesPerSecond relayed bytes per second, both directions together
 */
public record RelayLoad(long allocations, long capacity, double bytesPerSecond, boolean draining, boolean ready) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a {@code /load} document; throws naming the field that is missing or wrong. */
  public static RelayLoad parse(String json) throws LoadReportException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new LoadReportException("load report is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new LoadReportException("load report is not a JSON object");
    }
    long allocations = count(root, "allocations");
    long capacity = count(root, "capacity");
    double bytes = rate(root.path("bytesPerSecond"), "clientToPeer") + rate(root.path("bytesPerSecond"), "peerToClient");
    return new RelayLoad(allocations, capacity, bytes, flag(root, "draining"), flag(root, "ready"));
  }

  private static long count(JsonNode root, String field) throws LoadReportException {
    JsonNode value = root.get(field);
    if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
      throw new LoadReportException("load report field " + field + " is " + (value == null ? "missing" : value)
          + " (expected a count)");
    }
    return value.asLong();
  }

  private static double rate(JsonNode parent, String field) throws LoadReportException {
    JsonNode value = parent.get(field);
    if (value == null || !value.isNumber() || value.asDouble() < 0) {
      throw new LoadReportException("load report field bytesPerSecond." + field + " is "
          + (value == null ? "missing" : value) + " (expected a rate)");
    }
    return value.asDouble();
  }

  private static boolean flag(JsonNode root, String field) throws LoadReportException {
    JsonNode value = root.get(field);
    if (value == null || !value.isBoolean()) {
      throw new LoadReportException("load report field " + field + " is " + (value == null ? "missing" : value)
          + " (expected true or false)");
    }
    return value.asBoolean();
  }
}
