package io.turnfleet.relay.interop;

import static io.turnfleet.relay.interop.RelayUnderTest.PASSWORD;
import static io.turnfleet.relay.interop.RelayUnderTest.USER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Interop with coturn's {@code turnutils_uclient} (and {@code turnutils_peer} as the peer), the
 * client TURN servers are commonly checked with. A machine without coturn's tools fails these
 * tests with the command that installs them.
 */
class CoturnUclientIT {
    private static final String SECRET = "interop-rest-secret";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final String CLIENT_TO_PEER = "turnfleet_relayed_packets_total{direction=\"client_to_peer\"}";
    private static final String BAD_INTEGRITY = "turnfleet_auth_failures_total{reason=\"bad_integrity\"}";
    private static final String EXPIRED_CREDENTIAL = "turnfleet_auth_failures_total{reason=\"expired_credential\"}";
    private static final String CHALLENGES_RATE_LIMITED = "turnfleet_auth_failures_total{reason=\"rate_limited\"}";
    private static final String PEER_TO_CLIENT = "turnfleet_relayed_packets_total{direction=\"peer_to_client\"}";

    @TempDir
    static Path secrets;
    private static Path uclient;
    private static Path peerTool;
    private static RelayUnderTest relay;
    private static TurnutilsPeer peer;

    @BeforeAll
    static void startRelayAndPeer() throws IOException, InterruptedException {
        uclient = CoturnTools.require("turnutils_uclient");
        peerTool = CoturnTools.require("turnutils_peer");
        Files.writeString(secrets.resolve("current"), SECRET);
        // uclient runs every session as one user: the default --user-quota (64) would refuse the load itself.
        relay = RelayUnderTest.start(InetAddress.getByName("127.0.0.1"), "--auth-secret-dir", secrets.toString(),
                "--user-quota", "0");
        peer = TurnutilsPeer.start(peerTool, InetAddress.getByName("127.0.0.1"));
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (peer != null) {
            peer.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void channelDataToAPeerLosesNothing() throws Exception {
        assertLossless(relay, 4, 20, withPeer(peer, "-u", USER, "-w", PASSWORD));
    }

    @Test
    void sendIndicationsToAPeerLoseNothing() throws Exception {
        assertLossless(relay, 4, 20, withPeer(peer, "-s", "-u", USER, "-w", PASSWORD));
    }

    @Test
    void clientToClientThroughTwoAllocationsLosesNothing() throws Exception {
        assertLossless(relay, 4, 20, List.of("-y", "-u", USER, "-w", PASSWORD));
    }

    @Test
    void restApiCredentialsFromTheSharedSecretAuthenticate() throws Exception {
        assertLossless(relay, 4, 20, withPeer(peer, "-u", USER, "-W", SECRET));
    }

    @Test
    void fiftyClientsOfTwoHundredMessagesEachLoseNothing() throws Exception {
        double challengesDroppedBefore = relay.metric(CHALLENGES_RATE_LIMITED);

        UclientReport report = assertLossless(relay, 50, 200, withPeer(peer, "-u", USER, "-w", PASSWORD));

        System.out.printf("uclient 50 clients x 200 messages: %d sent, %d received, %d lost, connect %d s "
                        + "(%.0f 401 challenges held back by the per-address limit), transmit %d s, "
                        + "%.0f messages/s each way (%.0f relayed packets/s)%n", report.sent(), report.received(),
                report.lost(), report.connectSeconds(), relay.metric(CHALLENGES_RATE_LIMITED) - challengesDroppedBefore,
                report.transmitSeconds(), report.messagesPerSecond(), 2 * report.messagesPerSecond());
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        double refusedBefore = relay.metric(BAD_INTEGRITY);

        ProcessRun run = uclient(relay, 4, 20, withPeer(peer, "-u", USER, "-w", "not-" + PASSWORD));

        assertRefused(run);
        assertThat(relay.metric(BAD_INTEGRITY))
                .as(run.describe()).isGreaterThan(refusedBefore);
    }

    @Test
    void expiredRestCredentialIsRejected() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        RestCredential fresh = RestCredential.mint(SECRET, USER, now + 3600);
        try (Ice4jTurnClient client = Ice4jTurnClient.connect(relay.listener())) {
            assertThat(client.allocate(fresh.username(), fresh.password()).isSuccess())
                    .as("a credential minted the same way but not expired is accepted").isTrue();
        }
        RestCredential expired = RestCredential.mint(SECRET, USER, now - 60);
        double refusedBefore = relay.metric(EXPIRED_CREDENTIAL);

        ProcessRun run = uclient(relay, 4, 20, withPeer(peer, "-u", expired.username(), "-w", expired.password()));

        assertRefused(run);
        assertThat(relay.metric(EXPIRED_CREDENTIAL))
                .as(run.describe()).isGreaterThan(refusedBefore);
    }

    @Test
    void ipv6RelayedAddressesRequestedWithDashXLoseNothing() throws Exception {
        InetAddress ipv6Loopback = Loopback.requireIpv6();
        // Relay addresses from the listeners, not --relay-ip: a named address is the relay's own, where
        // peers are reachable only inside the relay port range, and the peer listens on ::1.
        try (RelayUnderTest dualStack = RelayUnderTest.start(InetAddress.getByName("127.0.0.1"),
                "--listen", "udp://[::1]:" + Loopback.freeUdpPort(ipv6Loopback));
             TurnutilsPeer ipv6Peer = TurnutilsPeer.start(peerTool, ipv6Loopback)) {
            assertLossless(dualStack, 4, 20, withPeer(ipv6Peer, "-x", "-u", USER, "-w", PASSWORD));
        }
    }

    private static List<String> withPeer(TurnutilsPeer peer, String... flags) {
        List<String> args = new ArrayList<>(List.of("-e", peer.address().getAddress().getHostAddress(),
                "-r", Integer.toString(peer.address().getPort())));
        args.addAll(List.of(flags));
        return args;
    }

    /**
     * Runs uclient with {@code clients} sessions of {@code messages} 100-byte messages and checks
     * that every message came back, and that it went through this relay (its counters grew).
     */
    private static UclientReport assertLossless(RelayUnderTest relay, int clients, int messages, List<String> flags)
            throws Exception {
        double toPeerBefore = relay.metric(CLIENT_TO_PEER);
        double toClientBefore = relay.metric(PEER_TO_CLIENT);

        ProcessRun run = uclient(relay, clients, messages, flags);

        assertThat(run.timedOut()).as(run.describe()).isFalse();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        UclientReport report = UclientReport.of(run);
        assertThat(report.lost()).as(run.describe()).isZero();
        assertThat(report.sent()).as(run.describe()).isGreaterThanOrEqualTo((long) clients * messages);
        assertThat(report.received()).as(run.describe()).isEqualTo(report.sent());
        assertThat(relay.metric(CLIENT_TO_PEER) - toPeerBefore).as(run.describe())
                .isGreaterThanOrEqualTo(report.sent());
        assertThat(relay.metric(PEER_TO_CLIENT) - toClientBefore).as(run.describe())
                .isGreaterThanOrEqualTo(report.received());
        return report;
    }

    /** uclient gives up on an Allocate it cannot authenticate and exits non-zero without relaying. */
    private static void assertRefused(ProcessRun run) {
        assertThat(run.timedOut()).as(run.describe()).isFalse();
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.output()).as(run.describe()).contains("Cannot complete Allocation")
                .doesNotContain("Total lost packets");
    }

    private static ProcessRun uclient(RelayUnderTest relay, int clients, int messages, List<String> flags)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(uclient.toString(),
                "-p", Integer.toString(relay.listener().getPort()),
                "-m", Integer.toString(clients), "-n", Integer.toString(messages), "-l", "100"));
        command.addAll(flags);
        command.add(relay.listener().getAddress().getHostAddress());
        return ProcessRun.of(RUN_TIMEOUT, command);
    }
}
