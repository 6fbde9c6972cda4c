package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnfleet.relay.config.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --max-unauthenticated-connections-per-ip: one source address holds at most that many TCP and TLS
 * connections together on which no request has authenticated; a connection that authenticated
 * leaves the count. /load and /metrics count open connections by transport.
 */
class ConnectionLimitIT {
    private static final int CAP = 3;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path directory;
    private static RelayUnderTest relay;
    private final List<TurnClient> clients = new ArrayList<>();

    @BeforeAll
    static void startRelayWithACapOfThreeUnauthenticatedConnections() throws Exception {
        Path cert = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificate.generate("connection-limit-it").writeTo(cert, key);
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TCP));
        flags.addAll(RelayUnderTest.listen(Transport.TLS));
        flags.addAll(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--max-unauthenticated-connections-per-ip", String.valueOf(CAP), "--connection-rate-per-ip", "0"));
        relay = RelayUnderTest.start(flags);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @BeforeEach
    void startWithNoConnectionOpen() {
        awaitConnections(0, 0);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (TurnClient client : clients) {
            client.close();
        }
    }

    @Test
    void theFourthUnauthenticatedConnectionFromOneAddressIsClosedAtOnce() throws Exception {
        double refused = relay.metric("turnfleet_connections_refused_total", "reason", "unauthenticated");
        for (int i = 0; i < CAP; i++) {
            assertThat(tcp().binding().isSuccess()).as("connection %d", i + 1).isTrue();
        }

        assertThat(tcp().closedByRelayWithin(WAIT)).as("connection %d", CAP + 1).isTrue();
        assertThat(relay.metric("turnfleet_connections_refused_total", "reason", "unauthenticated"))
                .isEqualTo(refused + 1);
    }

    @Test
    void aConnectionThatAuthenticatedMakesRoomAndStaysOpen() throws Exception {
        TurnClient allocated = tcp();
        allocated.allocate(TurnClient.UDP);
        for (int i = 0; i < CAP; i++) {
            assertThat(tcp().binding().isSuccess()).as("unauthenticated connection %d", i + 1).isTrue();
        }

        assertThat(tcp().closedByRelayWithin(WAIT)).as("one more unauthenticated connection").isTrue();
        assertThat(allocated.refresh(600).isSuccess()).as("the authenticated connection still works").isTrue();
        awaitConnections(CAP + 1, 0);
    }

    @Test
    void aClosedConnectionMakesRoomForANewOne() throws Exception {
        for (int i = 0; i < CAP; i++) {
            tcp().binding();
        }
        clients.remove(0).close();

        awaitConnections(CAP - 1, 0);
        assertThat(tcp().binding().isSuccess()).isTrue();
    }

    @Test
    void tcpAndTlsConnectionsShareTheCapOfTheirSource() throws Exception {
        tcp().binding();
        tcp().binding();
        tls().binding();

        assertThat(tcp().closedByRelayWithin(WAIT)).as("a TCP connection beyond the cap").isTrue();
        assertThatThrownBy(() -> TlsClientContext.connect(relay.address(Transport.TLS)).close())
                .as("a TLS connection beyond the cap is closed before its handshake")
                .isInstanceOf(IOException.class);
    }

    @Test
    void loadAndMetricsCountOpenConnectionsByTransport() throws Exception {
        tcp().binding();
        tcp().binding();
        tls().binding();

        awaitConnections(2, 1);
        JsonNode connections = relay.load().path("connections");
        assertThat(connections.path("udp").asLong()).isZero();
        assertThat(relay.metric("turnfleet_connections", "transport", "tcp")).isEqualTo(2);
        assertThat(relay.metric("turnfleet_connections", "transport", "tls")).isEqualTo(1);

        for (TurnClient client : clients) {
            client.close();
        }
        awaitConnections(0, 0);
        assertThat(relay.metric("turnfleet_connections", "transport", "tcp")).isZero();
    }

    private void awaitConnections(long tcp, long tls) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode connections = relay.load().path("connections");
            assertThat(connections.path("tcp").asLong()).as("tcp").isEqualTo(tcp);
            assertThat(connections.path("tls").asLong()).as("tls").isEqualTo(tls);
        });
    }

    private TurnClient tcp() throws Exception {
        TurnClient client = relay.tcpClient();
        clients.add(client);
        return client;
    }

    private TurnClient tls() throws Exception {
        TurnClient client = relay.client(TlsClientContext.connect(relay.address(Transport.TLS)));
        clients.add(client);
        return client;
    }
}
