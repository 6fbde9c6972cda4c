package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.it.OpenedResources;
import io.turnfleet.relay.stun.AttributeType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full relay names another relay of the fleet in 300 Try Alternate on the port of the client's own
 * transport (RFC 8489 §10: the client retries there over the same transport), and a TLS client also
 * gets ALTERNATE-DOMAIN (§14.16), as the fleet file gives them.
 */
class TryAlternateIT {
    private static final String FLEET_FILE = "127.0.0.9:3478 tcp=3479 tls=5349 domain=turn.example.com\n";

    @TempDir
    static Path directory;
    private static RelayUnderTest relay;
    private static TurnClient holder;
    private final OpenedResources open = new OpenedResources();

    @BeforeAll
    static void startAFullRelay() throws Exception {
        Path cert = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificate.generate("try-alternate-it").writeTo(cert, key);
        Path fleet = Files.writeString(directory.resolve("alternates"), FLEET_FILE);
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.UDP));
        flags.addAll(RelayUnderTest.listen(Transport.TCP));
        flags.addAll(RelayUnderTest.listen(Transport.TLS));
        flags.addAll(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--alternate-servers-file", fleet.toString(), "--max-allocations", "1"));
        relay = RelayUnderTest.start(flags);
        holder = relay.udpClient();
        holder.allocate(TurnClient.UDP);
    }

    @AfterAll
    static void stop() throws Exception {
        if (holder != null) {
            holder.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        open.closeAll();
    }

    @Test
    void aUdpClientIsSentToTheUdpPortWithoutADomain() throws Exception {
        Received answer = open.open(relay.udpClient()).allocateAnswer(TurnClient.UDP);

        assertThat(answer.errorCode()).isEqualTo(300);
        assertThat(alternateServer(answer)).isEqualTo(new InetSocketAddress("127.0.0.9", 3478));
        assertThat(answer.has(AttributeType.ALTERNATE_DOMAIN)).isFalse();
    }

    @Test
    void aTcpClientIsSentToTheTcpPort() throws Exception {
        Received answer = open.open(relay.tcpClient()).allocateAnswer(TurnClient.UDP);

        assertThat(answer.errorCode()).isEqualTo(300);
        assertThat(alternateServer(answer)).isEqualTo(new InetSocketAddress("127.0.0.9", 3479));
        assertThat(answer.has(AttributeType.ALTERNATE_DOMAIN)).isFalse();
    }

    @Test
    void aTlsClientIsSentToTheTlsPortWithTheFleetsDomain() throws Exception {
        TurnClient client = open.open(relay.client(TlsClientContext.connect(relay.address(Transport.TLS))));

        Received answer = client.allocateAnswer(TurnClient.UDP);

        assertThat(answer.errorCode()).isEqualTo(300);
        assertThat(alternateServer(answer)).isEqualTo(new InetSocketAddress("127.0.0.9", 5349));
        assertThat(answer.text(AttributeType.ALTERNATE_DOMAIN)).isEqualTo("turn.example.com");
    }

    /** ALTERNATE-SERVER is a plain (not XORed) address (RFC 8489 §14.15). */
    private static InetSocketAddress alternateServer(Received answer) throws Exception {
        byte[] value = answer.value(AttributeType.ALTERNATE_SERVER);
        int port = ((value[2] & 0xFF) << 8) | (value[3] & 0xFF);
        return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(value, 4, value.length)), port);
    }
}
