package io.turnfleet.operator.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Short SHA-256 digests of configuration, for annotations that change when the content does. */
public final class ContentHash {
  private ContentHash() {}

  /** Digest of map entries in key order, so insertion order does not matter. */
  public static String of(Map<String, String> data) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(data).forEach((k, v) -> text.append(k).append('\0').append(v).append('\0'));
    return of(text.toString());
  }

  public static String of(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
