package io.turnfleet.credentials.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetDocumentTest {
  private static List<Relay> parse(String json) throws IOException {
    return FleetDocument.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void relaysAreReadWithTheirStateLoadAndUris() throws IOException {
    List<Relay> relays = parse("{\"relays\":[{\"name\":\"r-1\",\"ready\":true,\"draining\":false,\"load\":0.25,"
        + "\"uris\":[\"turn:203.0.113.7:3478?transport=udp\"]},"
        + "{\"name\":\"r-2\",\"ready\":false,\"draining\":true,\"load\":null,\"uris\":[]}]}");

    assertThat(relays).hasSize(2);
    assertThat(relays.get(0).serving()).isTrue();
    assertThat(relays.get(0).load()).hasValue(0.25);
    assertThat(relays.get(0).uris()).containsExactly("turn:203.0.113.7:3478?transport=udp");
    assertThat(relays.get(1).serving()).isFalse();
    assertThat(relays.get(1).load()).isEmpty();
  }

  @Test
  void malformedFilesAreRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> parse("not json")).isInstanceOf(IOException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> parse("{}")).hasMessageContaining("no relays array");
    assertThatThrownBy(() -> parse("{\"relays\":[{\"name\":\"a\"}]}")).hasMessageContaining("relays[0]");
    assertThatThrownBy(() -> parse("{\"relays\":[{\"name\":\"a\",\"ready\":true,\"draining\":false,\"load\":-1,"
        + "\"uris\":[]}]}")).hasMessageContaining("relays[0].load");
    assertThatThrownBy(() -> parse("{\"relays\":[{\"name\":\"a\",\"ready\":true,\"draining\":false,"
        + "\"uris\":[\"http://evil\"]}]}")).hasMessageContaining("turn: or turns:");
  }
}
