package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.turnfleet.relay.config.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream that can't be framed is closed (RFC 8656 §12.5 leaves no way to resynchronise) and
 * counted in turnfleet_malformed_packets_total; every other connection goes on.
 */
class MalformedStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** First byte 0xFF: neither STUN (00) nor ChannelData (01). */
    private static final byte[] GARBAGE = {(byte) 0xFF, (byte) 0xFE, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};

    @TempDir
    static Path directory;
    private static RelayUnderTest relay;

    @BeforeAll
    static void startRelay() throws Exception {
        Path cert = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificate.generate("malformed-stream-it").writeTo(cert, key);
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TCP));
        flags.addAll(RelayUnderTest.listen(Transport.TLS));
        flags.addAll(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()));
        relay = RelayUnderTest.start(flags);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void garbageClosesOnlyTheConnectionThatSentIt() throws Exception {
        try (TurnClient bystander = relay.tcpClient(); TurnClient offender = relay.tcpClient()) {
            assertThat(bystander.binding().isSuccess()).isTrue();
            assertThat(offender.binding().isSuccess()).isTrue();
            double before = relay.metric("turnfleet_malformed_packets_total", "transport", "tcp");

            offender.wire().write(GARBAGE);

            assertThat(offender.closedByRelayWithin(WAIT)).isTrue();
            assertThat(bystander.binding().isSuccess()).isTrue();
            assertThat(relay.metric("turnfleet_malformed_packets_total", "transport", "tcp")).isEqualTo(before + 1);
        }
    }

    @Test
    void aStunHeaderWithALengthThatIsNotAMultipleOfFourClosesTheConnection() throws Exception {
        try (TurnClient offender = relay.tcpClient()) {
            byte[] header = new byte[20];
            header[1] = 0x01;
            header[3] = 0x05;

            offender.wire().write(header);

            assertThat(offender.closedByRelayWithin(WAIT)).isTrue();
        }
    }

    @Test
    void garbageEndsTheAllocationOfItsConnectionOnly() throws Exception {
        try (TurnClient bystander = relay.tcpClient(); TurnClient offender = relay.tcpClient()) {
            bystander.allocate(TurnClient.UDP);
            offender.allocate(TurnClient.UDP);
            long allocations = relay.load().path("allocations").asLong();

            offender.wire().write(GARBAGE);

            assertThat(offender.closedByRelayWithin(WAIT)).isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(relay.load().path("allocations").asLong())
                    .isEqualTo(allocations - 1));
            assertThat(bystander.refresh(600).isSuccess()).as("the other allocation lives").isTrue();
        }
    }

    @Test
    void garbageInsideTlsClosesTheTlsConnectionAndCountsForTls() throws Exception {
        try (TurnClient bystander = relay.tcpClient();
             TurnClient offender = relay.client(TlsClientContext.connect(relay.address(Transport.TLS)))) {
            assertThat(offender.binding().isSuccess()).isTrue();
            double before = relay.metric("turnfleet_malformed_packets_total", "transport", "tls");

            offender.wire().write(GARBAGE);

            assertThat(offender.closedByRelayWithin(WAIT)).isTrue();
            assertThat(relay.metric("turnfleet_malformed_packets_total", "transport", "tls")).isEqualTo(before + 1);
            assertThat(bystander.binding().isSuccess()).isTrue();
        }
    }

    @Test
    void plainTextOnTheTlsPortClosesTheConnection() throws Exception {
        try (TurnClient offender = relay.client(new java.net.Socket(relay.address(Transport.TLS).getAddress(),
                relay.address(Transport.TLS).getPort()))) {
            offender.wire().write("GET / HTTP/1.1\r\nHost: relay\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(offender.closedByRelayWithin(WAIT)).isTrue();
        }
    }

    @Test
    void aValidlyFramedButUnparseableStunMessageIsCountedAndTheConnectionGoesOn() throws Exception {
        try (TurnClient client = relay.tcpClient()) {
            double before = relay.metric("turnfleet_malformed_packets_total", "transport", "tcp");
            byte[] badCookie = new byte[20];
            badCookie[1] = 0x01;
            badCookie[4] = 0x12;

            client.wire().write(badCookie);

            assertThat(client.binding().isSuccess()).as("framing intact, so the connection stays").isTrue();
            assertThat(relay.metric("turnfleet_malformed_packets_total", "transport", "tcp")).isEqualTo(before + 1);
        }
    }
}
