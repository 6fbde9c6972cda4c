package io.turnfleet.credentials.mount;

import java.io.IOException;

/** Something read from mounted files that {@link MountReloader} re-reads periodically. */
public interface Reloadable {

  /**
   * Re-reads the source. On failure the previous content stays in use.
   *
   * @return true when the content changed
   */
  boolean refresh() throws IOException;

  /** One line for the log: where it comes from and how much was read; never any content. */
  String summary();
}
