package io.turnfleet.relay.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A small text file the operator mounts from a ConfigMap (fleet addresses, alternates), read again
 * on every poll and reported only when its content changed. A missing file reads as empty: the
 * operator may write it later. Not thread-safe; one reloader thread polls it.
 */
public final class MountedFile {
    private final Path path;
    private String lastContent;

    public MountedFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The new content when it differs from the last read, else null (also when unreadable right now). */
    public String changedContent() {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            content = "";
        } catch (IOException e) {
            return null;
        }
        if (content.equals(lastContent)) {
            return null;
        }
        lastContent = content;
        return content;
    }
}
