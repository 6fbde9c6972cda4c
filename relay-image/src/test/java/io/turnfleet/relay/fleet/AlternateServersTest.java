package io.turnfleet.relay.fleet;

import io.turnfleet.relay.config.Transport;
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
        InetSocketAddress first = servers.pick(true).address();
        InetSocketAddress second = servers.pick(true).address();
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(
                new InetSocketAddress("203.0.113.1", 3478), new InetSocketAddress("203.0.113.2", 3478));
        assertThat(servers.pick(false).address()).isEqualTo(new InetSocketAddress("2001:db8::1", 3478));
    }

    @Test
    void neverNamesItselfAndSkipsLinesThatDoNotParse() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "# fleet\n198.51.100.9:3478\nrelay.example.com:3478\n203.0.113.1:99999\n"
                + "not an address\n203.0.113.1:3478\n");
        AlternateServers servers = new AlternateServers(file, new InetSocketAddress("198.51.100.9", 3478)::equals);
        servers.refresh();
        assertThat(servers.servers()).extracting(AlternateServer::address).containsExactly(new InetSocketAddress("198.51.100.9", 3478),
                new InetSocketAddress("203.0.113.1", 3478));
        for (int i = 0; i < 4; i++) {
            assertThat(servers.pick(true).address()).isEqualTo(new InetSocketAddress("203.0.113.1", 3478));
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
        assertThat(servers.pick(true).address()).isEqualTo(new InetSocketAddress("203.0.113.5", 3478));
        Files.delete(file);
        assertThat(servers.refresh()).isTrue();
        assertThat(servers.pick(true)).isNull();
    }

    @Test
    void optionalKeysNameTheTcpAndTlsPortsAndTheDomain() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "203.0.113.1:3478 tcp=3479 tls=5349 domain=turn.example.com future=1\n"
                + "203.0.113.2:3478 tls=99999\n203.0.113.3:3478 domain=bad_name\n");
        AlternateServers servers = new AlternateServers(file, address -> false);
        servers.refresh();

        assertThat(servers.servers()).containsExactly(new AlternateServer(new InetSocketAddress("203.0.113.1", 3478),
                3479, 5349, "turn.example.com"));
    }

    @Test
    void aClientIsSentToThePortOfItsOwnTransport() {
        AlternateServer keyed = new AlternateServer(new InetSocketAddress("203.0.113.1", 3478), 3479, 5349, null);
        AlternateServer plain = new AlternateServer(new InetSocketAddress("203.0.113.1", 3478), -1, -1, null);

        assertThat(keyed.addressFor(Transport.UDP, 3478)).isEqualTo(new InetSocketAddress("203.0.113.1", 3478));
        assertThat(keyed.addressFor(Transport.TCP, 3478)).isEqualTo(new InetSocketAddress("203.0.113.1", 3479));
        assertThat(keyed.addressFor(Transport.TLS, 443)).isEqualTo(new InetSocketAddress("203.0.113.1", 5349));
        assertThat(plain.addressFor(Transport.TLS, 443)).as("the port this relay's TLS listener has")
                .isEqualTo(new InetSocketAddress("203.0.113.1", 443));
    }
}
