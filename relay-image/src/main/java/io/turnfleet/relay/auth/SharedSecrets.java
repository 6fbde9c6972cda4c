package io.turnfleet.relay.auth;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The TURN REST shared secrets of the --auth-secret-dir: every regular, non-hidden file (symlinks
 * followed) is one secret, its bytes with trailing CR/LF removed; empty files are ignored.
 *
 * <p>A mounted Kubernetes Secret looks like {@code current -> ..data/current}, {@code ..data ->
 * ..2024_05_01_10_00_00.123}: the kubelet writes a new hidden directory and swaps {@code ..data}
 * atomically. Hidden entries are skipped, and a read during which {@code ..data} changed target is
 * repeated, so one snapshot never mixes two versions of the Secret.
 */
public final class SharedSecrets implements Reloadable {

    private static final String KUBERNETES_DATA_LINK = "..data";
    private static final int READ_ATTEMPTS = 5;

    /** One consistent set of secrets; {@code version} changes whenever the set does. */
    record Snapshot(long version, List<String> fileNames, List<byte[]> secrets) {
    }

    private final Path directory;
    private volatile Snapshot snapshot = new Snapshot(0, List.of(), List.of());

    /** @throws IOException when the directory cannot be listed */
    public SharedSecrets(Path directory) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        refresh();
    }

    @Override
    public synchronized boolean refresh() throws IOException {
        TreeMap<String, byte[]> read = readConsistently();
        Snapshot current = snapshot;
        if (current.fileNames().equals(List.copyOf(read.keySet())) && sameSecrets(current.secrets(), read.values())) {
            return false;
        }
        snapshot = new Snapshot(current.version() + 1, List.copyOf(read.keySet()), List.copyOf(read.values()));
        return true;
    }

    /** Number of secrets present. */
    public int count() {
        return snapshot.secrets().size();
    }

    @Override
    public String summary() {
        Snapshot current = snapshot;
        return "auth secret dir " + directory + ": " + current.secrets().size() + " secrets " + current.fileNames();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    private TreeMap<String, byte[]> readConsistently() throws IOException {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Path before = dataLinkTarget();
            TreeMap<String, byte[]> secrets = readOnce();
            if (Objects.equals(before, dataLinkTarget())) {
                return secrets;
            }
        }
        throw new IOException("auth secret dir " + directory + ": " + KUBERNETES_DATA_LINK
                + " changed during each of " + READ_ATTEMPTS + " reads");
    }

    private Path dataLinkTarget() throws IOException {
        Path link = directory.resolve(KUBERNETES_DATA_LINK);
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link) : null;
        } catch (NoSuchFileException swappedJustNow) {
            return null;
        }
    }

    private TreeMap<String, byte[]> readOnce() throws IOException {
        TreeMap<String, byte[]> secrets = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(entry)) {
                    continue;
                }
                byte[] secret = readSecret(entry);
                if (secret != null && secret.length > 0) {
                    secrets.put(name, secret);
                }
            }
        }
        return secrets;
    }

    /** Returns the secret, or null when the file vanished between listing and reading. */
    private static byte[] readSecret(Path file) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException removedDuringSwap) {
            return null;
        }
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        return end == content.length ? content : Arrays.copyOf(content, end);
    }

    private static boolean sameSecrets(List<byte[]> current, Collection<byte[]> read) {
        if (current.size() != read.size()) {
            return false;
        }
        int i = 0;
        for (byte[] secret : read) {
            if (!Arrays.equals(current.get(i++), secret)) {
                return false;
            }
        }
        return true;
    }
}
