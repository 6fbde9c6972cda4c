package io.turnfleet.relay.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedSecretsTest {

    @TempDir
    Path dir;

    private static List<String> secrets(SharedSecrets secrets) {
        return secrets.snapshot().secrets().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void everyRegularFileIsOneSecretWithTrailingNewlinesTrimmed() throws IOException {
        Files.writeString(dir.resolve("current"), "north\n");
        Files.writeString(dir.resolve("previous"), "south\r\n");
        Files.writeString(dir.resolve("spare"), "east");
        SharedSecrets secrets = new SharedSecrets(dir);
        assertThat(secrets(secrets)).containsExactly("north", "south", "east");
        assertThat(secrets.count()).isEqualTo(3);
    }

    @Test
    void emptyFilesHiddenEntriesAndDirectoriesAreIgnored() throws IOException {
        Files.writeString(dir.resolve("current"), "north");
        Files.writeString(dir.resolve("empty"), "\n");
        Files.writeString(dir.resolve(".hidden"), "nope");
        Files.createDirectory(dir.resolve("subdir"));
        Files.writeString(dir.resolve("subdir").resolve("inner"), "nope");
        assertThat(secrets(new SharedSecrets(dir))).containsExactly("north");
    }

    @Test
    void secretKeepsInnerWhitespaceAndLeadingBlanks() throws IOException {
        Files.writeString(dir.resolve("current"), " a b \n\n");
        assertThat(secrets(new SharedSecrets(dir))).containsExactly(" a b ");
    }

    @Test
    void symlinksToFilesAreFollowed() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("..real"));
        Files.writeString(elsewhere.resolve("target"), "north\n");
        Path secretsDir = Files.createDirectory(dir.resolve("secrets"));
        Files.createSymbolicLink(secretsDir.resolve("current"), elsewhere.resolve("target"));
        assertThat(secrets(new SharedSecrets(secretsDir))).containsExactly("north");
    }

    @Test
    void kubernetesAtomicSwapOfTheDataLinkIsPickedUp() throws IOException {
        KubeletSecretVolume volume = new KubeletSecretVolume(dir);
        volume.write(Map.of("current", "north"));
        SharedSecrets secrets = new SharedSecrets(dir);
        assertThat(secrets(secrets)).containsExactly("north");

        volume.write(Map.of("current", "south", "previous", "north"));
        assertThat(secrets.refresh()).isTrue();
        assertThat(secrets(secrets)).as("in file name order").containsExactly("south", "north");
    }

    @Test
    void fileRemovedFromTheSecretLeavesADanglingLinkThatIsSkipped() throws IOException {
        KubeletSecretVolume volume = new KubeletSecretVolume(dir);
        volume.write(Map.of("current", "south", "previous", "north"));
        SharedSecrets secrets = new SharedSecrets(dir);
        assertThat(secrets.count()).isEqualTo(2);

        // The kubelet swaps ..data first and removes the user-visible link afterwards.
        volume.swapDataOnly(Map.of("current", "west"));
        assertThat(secrets.refresh()).isTrue();
        assertThat(secrets(secrets)).containsExactly("west");
    }

    @Test
    void snapshotNeverMixesTwoVersionsOfTheSecretWhileTheKubeletSwaps() throws Exception {
        KubeletSecretVolume volume = new KubeletSecretVolume(dir);
        volume.write(Map.of("current", "v0", "previous", "v0"));
        SharedSecrets secrets = new SharedSecrets(dir);
        Thread kubelet = new Thread(() -> {
            try {
                for (int i = 1; i <= 300; i++) {
                    volume.swapDataOnly(Map.of("current", "v" + i, "previous", "v" + i));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        kubelet.start();
        while (kubelet.isAlive()) {
            try {
                secrets.refresh();
            } catch (IOException changedOnEveryAttempt) {
                // allowed: the previous consistent snapshot stays in use
            }
            List<String> read = secrets(secrets);
            assertThat(read).hasSize(2);
            assertThat(read.get(0)).isEqualTo(read.get(1));
        }
        kubelet.join();
        secrets.refresh();
        assertThat(secrets(secrets)).containsExactly("v300", "v300");
    }

    @Test
    void refreshReportsNoChangeWhenNothingChanged() throws IOException {
        Files.writeString(dir.resolve("current"), "north");
        SharedSecrets secrets = new SharedSecrets(dir);
        long version = secrets.snapshot().version();
        assertThat(secrets.refresh()).isFalse();
        assertThat(secrets.snapshot().version()).isEqualTo(version);

        Files.writeString(dir.resolve("current"), "north\n");
        assertThat(secrets.refresh()).as("only the trimmed newline differs").isFalse();
    }

    @Test
    void changedContentBumpsTheVersion() throws IOException {
        Files.writeString(dir.resolve("current"), "north");
        SharedSecrets secrets = new SharedSecrets(dir);
        long version = secrets.snapshot().version();
        Files.writeString(dir.resolve("current"), "south");
        assertThat(secrets.refresh()).isTrue();
        assertThat(secrets.snapshot().version()).isGreaterThan(version);
    }

    @Test
    void emptyDirectoryHasNoSecrets() throws IOException {
        assertThat(new SharedSecrets(dir).count()).isZero();
    }

    @Test
    void missingDirectoryIsAnErrorAtStart() {
        assertThatThrownBy(() -> new SharedSecrets(dir.resolve("absent"))).isInstanceOf(IOException.class);
    }

    @Test
    void unreadableDirectoryOnRefreshKeepsThePreviousSecrets() throws IOException {
        Path secretsDir = Files.createDirectory(dir.resolve("auth"));
        Files.writeString(secretsDir.resolve("current"), "north");
        SharedSecrets secrets = new SharedSecrets(secretsDir);
        Files.delete(secretsDir.resolve("current"));
        Files.delete(secretsDir);
        assertThatThrownBy(secrets::refresh).isInstanceOf(IOException.class);
        assertThat(secrets(secrets)).containsExactly("north");
    }

    @Test
    void summaryListsFileNamesAndCountButNoContent() throws IOException {
        Files.writeString(dir.resolve("current"), "north");
        Files.writeString(dir.resolve("previous"), "south");
        assertThat(new SharedSecrets(dir).summary())
                .isEqualTo("auth secret dir " + dir + ": 2 secrets [current, previous]")
                .doesNotContain("north", "south");
    }

    /**
     * The layout the kubelet's AtomicWriter gives a Secret volume: the files live in a timestamped
     * hidden directory, {@code ..data} links to it, and each key is a link {@code key -> ..data/key}.
     */
    static final class KubeletSecretVolume {
        private final Path root;
        private int generation;

        KubeletSecretVolume(Path root) {
            this.root = root;
        }

        void write(Map<String, String> files) throws IOException {
            swapDataOnly(files);
            try (Stream<Path> entries = Files.list(root)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (!name.startsWith(".") && !files.containsKey(name)) {
                        Files.delete(entry);
                    }
                }
            }
            for (String name : files.keySet()) {
                Path link = root.resolve(name);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, Path.of("..data", name));
                }
            }
        }

        /** New timestamped directory, atomic rename of ..data onto it, old directory removed. */
        void swapDataOnly(Map<String, String> files) throws IOException {
            Path previous = Files.isSymbolicLink(root.resolve("..data")) ? Files.readSymbolicLink(root.resolve("..data")) : null;
            Path next = Files.createDirectory(root.resolve("..2024_05_01_10_00_0" + generation++));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(next.resolve(file.getKey()), file.getValue() + "\n");
            }
            Path tmpLink = Files.createSymbolicLink(root.resolve("..data_tmp"), next.getFileName());
            Files.move(tmpLink, root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (previous != null) {
                try (Stream<Path> old = Files.walk(root.resolve(previous))) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }
}
