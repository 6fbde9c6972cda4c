package io.turnfleet.credentials.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir
  Path dir;

  @Test
  void aKeyMapsToTheNameOfItsFile() throws IOException {
    Files.writeString(dir.resolve("web-app"), "k3y-of-the-web-app-0123\n");
    Files.writeString(dir.resolve("mobile"), "k3y-of-the-mobile-app-45");
    ApiKeys keys = new ApiKeys(dir);
    keys.refresh();

    assertThat(keys.caller("k3y-of-the-web-app-0123")).contains(new Caller("web-app"));
    assertThat(keys.caller("k3y-of-the-mobile-app-45")).contains(new Caller("mobile"));
    assertThat(keys.caller("k3y-of-the-web-app-0124")).isEmpty();
    assertThat(keys.summary()).contains("web-app").doesNotContain("k3y");
  }

  @Test
  void aRemovedKeyStopsWorkingAfterTheNextRefresh() throws IOException {
    Files.writeString(dir.resolve("web-app"), "k3y-of-the-web-app-0123");
    ApiKeys keys = new ApiKeys(dir);
    keys.refresh();
    Files.delete(dir.resolve("web-app"));

    assertThat(keys.refresh()).isTrue();
    assertThat(keys.caller("k3y-of-the-web-app-0123")).isEmpty();
  }

  @Test
  void aShortKeyIsRefusedAndTheOldKeysStay() throws IOException {
    Files.writeString(dir.resolve("web-app"), "k3y-of-the-web-app-0123");
    ApiKeys keys = new ApiKeys(dir);
    keys.refresh();
    Files.writeString(dir.resolve("weak"), "1234");

    assertThatThrownBy(keys::refresh).isInstanceOf(IOException.class).hasMessageContaining("weak")
        .hasMessageNotContaining("1234");
    assertThat(keys.caller("k3y-of-the-web-app-0123")).contains(new Caller("web-app"));
  }
}
