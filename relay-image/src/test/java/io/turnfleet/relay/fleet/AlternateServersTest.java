package io.turnfleet.relay.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlternateServersTest {
    @TempDir
    Path dir;

    @Test
    void missingFileMeansNoAlternate() {
        AlternateServers servers = new AlternateServers(dir.resolve("alternates"), address -> false);
        servers.refresh();
        assertThat(servers.pick(true)).isNull();
        assertThat(servers.pick(false)).isNull();
    }

    @Test
    void picksRoundRobinWithinTheClientsFamily() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "203.0.113.1:3478\n[2001:db8::1]:3478\n203.0.113.2:3478\n");
        AlternateServers servers = new AlternateServers(file, address -> false);
        assertThat(servers.refresh()).isTrue();
        InetSocketAddress first = servers.pick(true);
        InetSocketAddress second = servers.pick(true);
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(
                new InetSocketAddress("203.0.113.1", 3478), new InetSocketAddress("203.0.113.2", 3478));
        assertThat(servers.pick(false)).isEqualTo(new InetSocketAddress("2001:db8::1", 3478));
    }

    @Test
    void neverNamesItselfAndSkipsLinesThatDoNotParse() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "# fleet\n198.51.100.9:3478\nrelay.example.com:3478\n203.0.113.1:99999\n"
                + "not an address\n203.0.113.1:3478\n");
        AlternateServers servers = new AlternateServers(file, new InetSocketAddress("198.51.100.9", 3478)::equals);
        servers.refresh();
        assertThat(servers.servers()).containsExactly(new InetSocketAddress("198.51.100.9", 3478),
                new InetSocketAddress("203.0.113.1", 3478));
        for (int i = 0; i < 4; i++) {
            assertThat(servers.pick(true)).isEqualTo(new InetSocketAddress("203.0.113.1", 3478));
        }
    }

    @Test
    void seesAChangedFileAndReportsUnchangedContentAsNoChange() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "203.0.113.1:3478\n");
        AlternateServers servers = new AlternateServers(file, address -> false);
        assertThat(servers.refresh()).isTrue();
        assertThat(servers.refresh()).isFalse();
        Files.writeString(file, "203.0.113.5:3478\n");
        assertThat(servers.refresh()).isTrue();
        assertThat(servers.pick(true)).isEqualTo(new InetSocketAddress("203.0.113.5", 3478));
        Files.delete(file);
        assertThat(servers.refresh()).isTrue();
        assertThat(servers.pick(true)).isNull();
    }
}
