package io.turnfleet.credentials.mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reading one file of a mounted Secret or ConfigMap. */
public final class MountedFile {
  private MountedFile() {}

  /** The file's bytes; an IOException naming the file when it is missing. */
  public static byte[] read(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("no file " + file);
    }
  }

  /** A Secret value without the line end that {@code kubectl create secret --from-file} keeps. */
  public static byte[] withoutLineEnd(byte[] content) {
    int end = content.length;
    while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
      end--;
    }
    return end == content.length ? content : Arrays.copyOf(content, end);
  }
}
