package io.turnfleet.credentials.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningSecretTest {
  @TempDir
  Path mount;

  /** Lays the directory out as a kubelet does: current -> ..data/current, ..data -> ..&lt;version&gt;. */
  private void kubeletWrites(String version, String secret) throws IOException {
    Path versionDir = Files.createDirectory(mount.resolve(".." + version));
    Files.writeString(versionDir.resolve("current"), secret + "\n");
    Path tmp = mount.resolve("..data_tmp");
    Files.createSymbolicLink(tmp, Path.of(".." + version));
    Files.move(tmp, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (!Files.exists(mount.resolve("current"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(mount.resolve("current"), Path.of("..data/current"));
    }
  }

  @Test
  void aKubeletSymlinkSwapIsPickedUpOnTheNextRefresh() throws IOException {
    kubeletWrites("2026_01_01", "first");
    SigningSecret secret = new SigningSecret(mount.resolve("current"));
    assertThat(secret.current()).isEmpty();

    assertThat(secret.refresh()).isTrue();
    assertThat(new String(secret.current().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("first");
    assertThat(secret.refresh()).isFalse();

    kubeletWrites("2026_01_02", "second");
    assertThat(secret.refresh()).isTrue();
    assertThat(new String(secret.current().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("second");
  }

  @Test
  void aMissingOrEmptyFileKeepsThePreviousSecret() throws IOException {
    Path file = mount.resolve("current");
    Files.writeString(file, "kept");
    SigningSecret secret = new SigningSecret(file);
    secret.refresh();

    Files.writeString(file, "\n");
    assertThatThrownBy(secret::refresh).isInstanceOf(IOException.class).hasMessageContaining("empty");
    Files.delete(file);
    assertThatThrownBy(secret::refresh).isInstanceOf(IOException.class).hasMessageContaining("no file");

    assertThat(new String(secret.current().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("kept");
    assertThat(secret.summary()).doesNotContain("kept");
  }
}
