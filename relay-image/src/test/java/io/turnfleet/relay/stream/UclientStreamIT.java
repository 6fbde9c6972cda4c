package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with coturn's test client over TCP and TLS: a UDP relay controlled over a stream
 * ({@code -t}, {@code -t -S}) and RFC 6062 TCP relay allocations between two clients ({@code -T},
 * {@code -T -S}), and between ten clients from one address with the default connection limits
 * (about a hundred connections at once). Every message sent must come back.
 */
class UclientStreamIT {
    private static final int MESSAGES = 20;
    private static final int CLIENTS = 2;

    @TempDir
    static Path directory;
    private static RelayUnderTest relay;
    private static UdpEchoPeer peer;

    @BeforeAll
    static void startRelayWithTcpAndTlsListeners() throws Exception {
        Path cert = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificate.generateRsa("uclient-it").writeTo(cert, key);
        List<String> flags = new ArrayList<>();
        flags.addAll(RelayUnderTest.listen(Transport.TCP));
        flags.addAll(RelayUnderTest.listen(Transport.TLS));
        flags.addAll(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()));
        relay = RelayUnderTest.start(flags);
        peer = new UdpEchoPeer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void udpRelayControlledOverTcpLosesNothing() throws Exception {
        assertNoLoss(Uclient.run(udpRelayArguments(Transport.TCP, "-t")));
    }

    @Test
    void udpRelayControlledOverTlsLosesNothing() throws Exception {
        assertNoLoss(Uclient.run(udpRelayArguments(Transport.TLS, "-t", "-S")));
    }

    @Test
    void tcpRelayAllocationsOverTcpLoseNothing() throws Exception {
        assertNoLoss(Uclient.run(tcpRelayArguments(Transport.TCP, "-T")));
    }

    @Test
    void tcpRelayAllocationsOverTlsLoseNothing() throws Exception {
        assertNoLoss(Uclient.run(tcpRelayArguments(Transport.TLS, "-T", "-S")));
    }

    @Test
    void tenClientsWithTcpRelayAllocationsFromOneAddressLoseNothingUnderTheDefaultLimits() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-T", "-p", String.valueOf(relay.address(Transport.TCP).getPort()),
                "-u", RelayUnderTest.USER, "-w", RelayUnderTest.PASSWORD, "-n", "100", "-m", "10", "-l", "120",
                "127.0.0.1"));

        assertNoLoss(Uclient.run(arguments), 100, 10);
    }

    private static List<String> udpRelayArguments(Transport listener, String... flags) {
        List<String> arguments = common(listener, flags);
        arguments.addAll(List.of("-e", "127.0.0.1", "-r", String.valueOf(peer.address().getPort()), "127.0.0.1"));
        return arguments;
    }

    /** {@code -T} pairs the clients with each other's relayed addresses: no outside peer. */
    private static List<String> tcpRelayArguments(Transport listener, String... flags) {
        List<String> arguments = common(listener, flags);
        arguments.add("127.0.0.1");
        return arguments;
    }

    private static List<String> common(Transport listener, String... flags) {
        List<String> arguments = new ArrayList<>(List.of(flags));
        arguments.addAll(List.of("-p", String.valueOf(relay.address(listener).getPort()),
                "-u", RelayUnderTest.USER, "-w", RelayUnderTest.PASSWORD,
                "-n", String.valueOf(MESSAGES), "-m", String.valueOf(CLIENTS), "-l", "120"));
        return arguments;
    }

    private static void assertNoLoss(Uclient.Report report) {
        assertNoLoss(report, MESSAGES, CLIENTS);
    }

    private static void assertNoLoss(Uclient.Report report, int messages, int clients) {
        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(report.sent()).as(report.output()).isEqualTo((long) messages * clients);
        assertThat(report.received()).as(report.output()).isEqualTo(report.sent());
        assertThat(report.lost()).as(report.output()).isZero();
    }
}
