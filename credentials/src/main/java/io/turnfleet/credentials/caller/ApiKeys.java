package io.turnfleet.credentials.caller;

import io.turnfleet.credentials.mount.MountedFile;
import io.turnfleet.credentials.mount.Reloadable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API keys from a mounted Secret: each non-hidden file is one key, its name the caller's id, its
 * content (trailing CR/LF removed) the key. Keys are held as SHA-256 digests and compared in constant
 * time, so neither a heap dump nor response timing gives one away.
 */
public final class ApiKeys implements Reloadable {
  /** Shorter keys are guessable; such files are refused rather than silently accepted. */
  static final int MIN_KEY_LENGTH = 16;

  private final Path directory;
  private volatile Map<String, byte[]> digestsById = Map.of();

  public ApiKeys(Path directory) {
    this.directory = directory;
  }

  /** The caller a presented key belongs to. */
  public Optional<Caller> caller(String presentedKey) {
    byte[] presented = sha256(presentedKey.getBytes(StandardCharsets.UTF_8));
    String match = null;
    for (Map.Entry<String, byte[]> key : digestsById.entrySet()) {
      if (MessageDigest.isEqual(key.getValue(), presented) && match == null) {
        match = key.getKey();
      }
    }
    return Optional.ofNullable(match).map(Caller::new);
  }

  @Override
  public boolean refresh() throws IOException {
    Map<String, byte[]> read = new LinkedHashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String id = entry.getFileName().toString();
        if (id.startsWith(".") || !Files.isRegularFile(entry)) {
          continue;
        }
        byte[] key = MountedFile.withoutLineEnd(MountedFile.read(entry));
        if (key.length < MIN_KEY_LENGTH) {
          throw new IOException("API key " + id + " is shorter than " + MIN_KEY_LENGTH + " bytes");
        }
        read.put(id, sha256(key));
      }
    }
    if (sameKeys(read)) {
      return false;
    }
    digestsById = Map.copyOf(read);
    return true;
  }

  private boolean sameKeys(Map<String, byte[]> read) {
    Map<String, byte[]> current = digestsById;
    return current.size() == read.size()
        && read.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), current.get(e.getKey())));
  }

  @Override
  public String summary() {
    return "API keys " + directory + ": " + digestsById.size() + " keys " + digestsById.keySet().stream().sorted().toList();
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException everyJavaPlatformHasSha256) {
      throw new IllegalStateException(everyJavaPlatformHasSha256);
    }
  }
}
