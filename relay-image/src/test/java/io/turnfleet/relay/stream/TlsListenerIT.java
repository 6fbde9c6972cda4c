package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.stun.AttributeType;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls:// listener: TLS 1.2 and 1.3 only, optional ALPN "stun.turn" (RFC 7443), a handshake deadline. */
class TlsListenerIT {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(700);

    @TempDir
    static Path directory;
    private static RelayUnderTest relay;
    private static InetSocketAddress tls;

    @BeforeAll
    static void startRelayWithATlsListener() throws Exception {
        Path cert = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificate.generate("tls-listener-it").writeTo(cert, key);
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TLS));
        flags.addAll(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--tls-handshake-timeout", HANDSHAKE_TIMEOUT.toMillis() + "ms", "--tcp-idle-timeout", "60s"));
        relay = RelayUnderTest.start(flags);
        tls = relay.address(Transport.TLS);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void tls13IsAcceptedAndServesStun() throws Exception {
        try (SSLSocket socket = TlsClientContext.connect(tls, new String[] {"TLSv1.3"})) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertServesBinding(socket);
        }
    }

    @Test
    void tls12IsAcceptedAndServesStun() throws Exception {
        try (SSLSocket socket = TlsClientContext.connect(tls, new String[] {"TLSv1.2"})) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).as("forward-secret AEAD").startsWith("TLS_ECDHE_")
                    .containsAnyOf("_GCM_", "_CHACHA20_POLY1305_");
            assertServesBinding(socket);
        }
    }

    @Test
    void aTls12ClientOfferingOnlyCbcOrNonForwardSecretSuitesIsRefused() {
        assertThatThrownBy(() -> TlsClientContext.connectWithSuites(tls, "TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_AES_128_GCM_SHA256").close())
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theSameClientOfferingAnEcdheGcmSuiteTooGetsIt() throws Exception {
        try (SSLSocket socket = TlsClientContext.connectWithSuites(tls, "TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
            assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        }
    }

    /**
     * The JDK's client won't send a TLS 1.1 ClientHello, so this one is written by hand; the same
     * hello offering TLS 1.2 is answered with a ServerHello, so it is the version that is refused.
     */
    @Test
    void aTls11ClientHelloIsRefusedWithAProtocolVersionAlert() throws Exception {
        try (Socket socket = new Socket(tls.getAddress(), tls.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(RawClientHello.offering(RawClientHello.TLS_1_1));
            DataInputStream in = new DataInputStream(socket.getInputStream());

            byte[] record = new byte[7];
            in.readFully(record);
            assertThat(record[0]).as("an alert record, not a ServerHello").isEqualTo((byte) RawClientHello.ALERT);
            assertThat(record[5]).as("fatal").isEqualTo((byte) 2);
            assertThat(record[6] & 0xFF).as("protocol_version").isEqualTo(RawClientHello.PROTOCOL_VERSION_ALERT);
            assertClosed(in);
        }
    }

    @Test
    void theSameHandwrittenClientHelloOfferingTls12GetsAServerHello() throws Exception {
        try (Socket socket = new Socket(tls.getAddress(), tls.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(RawClientHello.offering(RawClientHello.TLS_1_2));
            DataInputStream in = new DataInputStream(socket.getInputStream());

            byte[] header = new byte[6];
            in.readFully(header);
            assertThat(header[0]).isEqualTo((byte) RawClientHello.HANDSHAKE);
            assertThat(header[5]).as("ServerHello").isEqualTo((byte) RawClientHello.SERVER_HELLO);
        }
    }

    @Test
    void alpnStunTurnIsNegotiatedWhenOffered() throws Exception {
        try (SSLSocket socket = TlsClientContext.connect(tls, new String[] {"TLSv1.3", "TLSv1.2"}, "stun.turn")) {
            assertThat(socket.getApplicationProtocol()).isEqualTo("stun.turn");
            assertServesBinding(socket);
        }
    }

    @Test
    void alpnStunTurnIsChosenAmongOtherOfferedProtocolsOverTls12() throws Exception {
        try (SSLSocket socket = TlsClientContext.connect(tls, new String[] {"TLSv1.2"}, "h2", "stun.turn")) {
            assertThat(socket.getApplicationProtocol()).isEqualTo("stun.turn");
        }
    }

    @Test
    void alpnIsOptionalForClientsThatDoNotOfferIt() throws Exception {
        try (SSLSocket socket = TlsClientContext.connect(tls)) {
            assertThat(socket.getApplicationProtocol()).isEmpty();
            assertServesBinding(socket);
        }
    }

    @Test
    void aClientOfferingOnlyOtherAlpnProtocolsStillConnectsWithoutOne() throws Exception {
        try (SSLSocket socket = TlsClientContext.connect(tls, new String[] {"TLSv1.3"}, "h2")) {
            assertThat(socket.getApplicationProtocol()).isEmpty();
            assertServesBinding(socket);
        }
    }

    @Test
    void aTcpClientThatNeverSendsAClientHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (Socket socket = new Socket(tls.getAddress(), tls.getPort())) {
            long connected = System.nanoTime();
            socket.setSoTimeout(15_000);
            InputStream in = socket.getInputStream();

            assertThat(in.read()).as("closed without a byte").isEqualTo(-1);
            Duration open = Duration.ofNanos(System.nanoTime() - connected);
            assertThat(open).as("not before --tls-handshake-timeout")
                    .isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.minusMillis(100));
        }
    }

    @Test
    void aCompletedHandshakeIsNotCutByTheHandshakeTimeout() throws Exception {
        try (SSLSocket socket = TlsClientContext.connect(tls)) {
            Thread.sleep(HANDSHAKE_TIMEOUT.multipliedBy(2).toMillis());
            assertServesBinding(socket);
        }
    }

    private static void assertServesBinding(SSLSocket socket) throws Exception {
        TurnClient client = relay.client(socket);
        Received answer = client.binding();
        assertThat(answer.isSuccess()).isTrue();
        assertThat(answer.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).getPort()).isEqualTo(socket.getLocalPort());
    }

    private static void assertClosed(DataInputStream in) throws Exception {
        assertThatThrownBy(() -> {
            while (true) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
            }
        }).isInstanceOf(EOFException.class);
    }
}
