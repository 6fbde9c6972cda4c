package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.turnfleet.relay.config.ConfigException;
import io.turnfleet.relay.config.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --tls-cert and --tls-key are re-read when they change (cert-manager renews them in place): new
 * connections get the new certificate, established sessions keep theirs and keep relaying.
 */
class TlsCertificateReloadIT {
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(15);
    private static final int CHANNEL = 0x4001;

    @TempDir
    Path directory;
    private Path cert;
    private Path key;
    private TestCertificate first;
    private RelayUnderTest relay;
    private DatagramSocket peer;

    @BeforeEach
    void startRelayWithTheFirstCertificate() throws Exception {
        cert = directory.resolve("tls.crt");
        key = directory.resolve("tls.key");
        first = TestCertificate.generate("first");
        first.writeTo(cert, key);
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TLS));
        flags.addAll(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()));
        relay = RelayUnderTest.start(flags);
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aNewCertificateReachesNewConnectionsWhileAnEstablishedSessionKeepsRelaying() throws Exception {
        SSLSocket established = TlsClientContext.connect(relay.address(Transport.TLS));
        assertThat(TlsClientContext.presentedCertificate(established)).isEqualTo(first.certificate());
        TurnClient client = relay.client(established);
        InetSocketAddress relayed = client.allocate(TurnClient.UDP);
        client.channelBind(CHANNEL, peerAddress());
        assertRelaysBothWays(client, relayed, "before the renewal");

        TestCertificate second = TestCertificate.generateRsa("second-rsa");
        second.writeTo(cert, key);

        await().atMost(RELOAD_WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            try (SSLSocket fresh = TlsClientContext.connect(relay.address(Transport.TLS))) {
                assertThat(TlsClientContext.presentedCertificate(fresh)).isEqualTo(second.certificate());
            }
        });
        assertThat(TlsClientContext.presentedCertificate(established)).isEqualTo(first.certificate());
        assertRelaysBothWays(client, relayed, "after the renewal");
        assertThat(client.refresh(600).isSuccess()).as("requests on the old session still answered").isTrue();
        client.close();
    }

    @Test
    void anUnusableCertificateFileKeepsTheLastGoodCertificateInService() throws Exception {
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");

        // The reloader looks every second: three looks at the broken file, then a new connection.
        Thread.sleep(3_000);
        try (SSLSocket fresh = TlsClientContext.connect(relay.address(Transport.TLS))) {
            assertThat(TlsClientContext.presentedCertificate(fresh)).isEqualTo(first.certificate());
        }

        TestCertificate repaired = TestCertificate.generate("repaired");
        repaired.writeTo(cert, key);
        await().atMost(RELOAD_WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            try (SSLSocket fresh = TlsClientContext.connect(relay.address(Transport.TLS))) {
                assertThat(TlsClientContext.presentedCertificate(fresh)).isEqualTo(repaired.certificate());
            }
        });
    }

    /**
     * A renewal seen half-way (the new key beside the old certificate, as when the files are read
     * while a Secret's symlink is swapped) must not be put in service: no client could verify it.
     */
    @Test
    void aKeyThatDoesNotMatchTheCertificateKeepsTheLastGoodPairInService() throws Exception {
        TestCertificate.generate("other key").writeKeyTo(key);

        Thread.sleep(3_000);
        try (SSLSocket fresh = TlsClientContext.connect(relay.address(Transport.TLS))) {
            assertThat(TlsClientContext.presentedCertificate(fresh)).isEqualTo(first.certificate());
            assertThat(relay.client(fresh).binding().isSuccess()).isTrue();
        }
    }

    @Test
    void aRelayStartedWithTheKeyOfAnotherCertificateFailsNamingBothFiles() throws Exception {
        Path otherKey = directory.resolve("other.key");
        TestCertificate.generate("other").writeKeyTo(otherKey);
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TLS));
        flags.addAll(List.of("--tls-cert", cert.toString(), "--tls-key", otherKey.toString()));

        assertThatThrownBy(() -> RelayUnderTest.start(flags).close())
                .as("invalid configuration: RelayMain answers it with exit code 2")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--tls-cert " + cert)
                .hasMessageContaining("--tls-key " + otherKey)
                .hasMessageContaining("does not belong to the first certificate");
    }

    private void assertRelaysBothWays(TurnClient client, InetSocketAddress relayed, String when) throws Exception {
        byte[] out = ("to the peer " + when).getBytes(StandardCharsets.UTF_8);
        client.sendChannelData(CHANNEL, out);
        DatagramPacket atPeer = new DatagramPacket(new byte[2048], 2048);
        peer.receive(atPeer);
        assertThat(Arrays.copyOf(atPeer.getData(), atPeer.getLength())).as(when).isEqualTo(out);

        byte[] back = ("to the client " + when).getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(back, back.length, relayed));
        Received received = client.next(Duration.ofSeconds(10));
        assertThat(received).as("ChannelData %s", when).isNotNull();
        assertThat(received.channelNumber()).isEqualTo(CHANNEL);
        assertThat(received.channelPayload()).isEqualTo(back);
    }

    private InetSocketAddress peerAddress() {
        return (InetSocketAddress) peer.getLocalSocketAddress();
    }
}
