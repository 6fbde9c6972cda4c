package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.turnfleet.relay.config.RelayConfig;
import io.turnfleet.relay.config.Transport;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limits at their defaults, from one source address (127.0.0.1) as from a corporate
 * NAT: hundreds of users connecting at once all get their allocations, while a flood of connections
 * that never authenticate is held at --max-unauthenticated-connections-per-ip.
 */
class ManyUsersBehindOneAddressIT {
    private static final int USERS = 200;
    private static final String PASSWORD = "behind-the-nat";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private RelayUnderTest relay;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One user each, so a per-user allocation quota can't be what limits them. */
    @BeforeEach
    void startRelayWithDefaultLimitsAndTwoHundredUsers() throws Exception {
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TCP));
        int firstPort = 50_000 + (int) (Math.random() * 40) * 300;
        flags.addAll(List.of("--relay-ports", firstPort + "-" + (firstPort + 299)));
        for (int user = 0; user < USERS; user++) {
            flags.addAll(List.of("--user", user(user) + ":" + PASSWORD));
        }
        relay = RelayUnderTest.start(flags);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        relay.close();
    }

    @Test
    void twoHundredUsersConnectingAtOnceFromOneAddressAllGetTcpAllocations() throws Exception {
        List<TurnClient> clients = new ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            Socket socket = new Socket(relay.address(Transport.TCP).getAddress(), relay.address(Transport.TCP).getPort());
            TurnClient client = new TurnClient(new StreamWire(socket), user(user), PASSWORD);
            opened.add(client);
            clients.add(client);
        }

        for (int user = 0; user < USERS; user++) {
            assertThat(clients.get(user).allocateAnswer(TurnClient.UDP).isSuccess()).as("user %d", user).isTrue();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(relay.load().path("allocations").asLong()).isEqualTo(USERS);
            assertThat(relay.load().path("connections").path("tcp").asLong()).isEqualTo(USERS);
        });
        for (TurnClient client : clients) {
            assertThat(client.refresh(600).isSuccess()).as("every connection stays usable").isTrue();
        }
        assertThat(relay.metric("turnfleet_connections_refused_total", "reason", "rate")).isZero();
        assertThat(relay.metric("turnfleet_connections_refused_total", "reason", "unauthenticated")).isZero();
    }

    @Test
    void aFloodOfIdleConnectionsFromOneAddressIsHeldAtTheUnauthenticatedCap() throws Exception {
        int cap = RelayConfig.defaults().maxUnauthenticatedConnectionsPerIp();
        int flood = cap + 100;
        for (int i = 0; i < flood; i++) {
            opened.add(new Socket(relay.address(Transport.TCP).getAddress(), relay.address(Transport.TCP).getPort()));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(relay.metric("turnfleet_connections_refused_total", "reason", "unauthenticated"))
                    .isEqualTo(flood - cap);
            assertThat(relay.load().path("connections").path("tcp").asLong()).isEqualTo(cap);
        });
        try (TurnClient latecomer = relay.tcpClient()) {
            assertThat(latecomer.closedByRelayWithin(WAIT)).as("one more idle connection").isTrue();
        }
    }

    private static String user(int index) {
        return "user" + index;
    }
}
