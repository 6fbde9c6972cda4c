package io.turnfleet.credentials.rest;

import io.turnfleet.credentials.mount.MountedFile;
import io.turnfleet.credentials.mount.Reloadable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The shared secret credentials are signed with: one file of a mounted Secret (key {@code current} of
 * the operator's auth Secret), its bytes without trailing CR/LF. Opening the file resolves the
 * kubelet's {@code current -> ..data/current} symlink once, so a read never mixes two versions.
 * Relays accept the current and the previous secret, so credentials signed just before a rotation
 * reaches this mount keep working.
 */
public final class SigningSecret implements Reloadable {
  private final Path file;
  private volatile byte[] secret;

  public SigningSecret(Path file) {
    this.file = file;
  }

  /** The secret, empty until the file has been read with content. */
  public Optional<byte[]> current() {
    return Optional.ofNullable(secret);
  }

  @Override
  public boolean refresh() throws IOException {
    byte[] read = MountedFile.withoutLineEnd(MountedFile.read(file));
    if (read.length == 0) {
      throw new IOException(file + " is empty");
    }
    if (Arrays.equals(read, secret)) {
      return false;
    }
    secret = read;
    return true;
  }

  @Override
  public String summary() {
    return "signing secret " + file + (secret == null ? " (none yet)" : " (" + secret.length + " bytes)");
  }
}
