package io.turnfleet.credentials.fleet;

import io.turnfleet.credentials.mount.MountedFile;
import io.turnfleet.credentials.mount.Reloadable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The mounted fleet file, parsed again whenever its bytes change. */
public final class FleetFile implements Reloadable {
  private final Path file;
  private volatile byte[] lastRead;
  private volatile List<Relay> relays;

  public FleetFile(Path file) {
    this.file = file;
  }

  /** The relays, empty until the file has been read once. */
  public Optional<List<Relay>> relays() {
    return Optional.ofNullable(relays);
  }

  @Override
  public boolean refresh() throws IOException {
    byte[] content = MountedFile.read(file);
    if (Arrays.equals(content, lastRead)) {
      return false;
    }
    relays = FleetDocument.parse(content);
    lastRead = content;
    return true;
  }

  @Override
  public String summary() {
    List<Relay> current = relays;
    return "fleet file " + file + (current == null ? " (not read yet)"
        : ": " + current.size() + " relays, " + current.stream().filter(Relay::serving).count() + " serving");
  }
}
