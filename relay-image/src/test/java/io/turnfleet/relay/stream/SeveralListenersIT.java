package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.ListenAddress;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.stun.AttributeType;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several listeners of each kind at once, like UDP and TCP on 3478 plus TLS on 5349 and 443. */
class SeveralListenersIT {
    @TempDir
    Path directory;

    @Test
    void udpAndTcpOnOnePortAndTwoTcpAndTwoTlsListenersAllServe() throws Exception {
        Path cert = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificate.generate("several-listeners-it").writeTo(cert, key);
        int shared = FreePort.tcpAndUdp();
        List<String> flags = List.of(
                "--listen", "udp://127.0.0.1:" + shared,
                "--listen", "tcp://127.0.0.1:" + shared,
                "--listen", "tcp://127.0.0.1:" + FreePort.tcp(),
                "--listen", "tls://127.0.0.1:" + FreePort.tcp(),
                "--listen", "tls://127.0.0.1:" + FreePort.tcp(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString());

        try (RelayUnderTest relay = RelayUnderTest.start(flags)) {
            List<ListenAddress> listeners = relay.listeners();
            assertThat(listeners).extracting(ListenAddress::transport)
                    .containsExactlyInAnyOrder(Transport.UDP, Transport.TCP, Transport.TCP, Transport.TLS,
                            Transport.TLS);
            for (ListenAddress listener : listeners) {
                try (TurnClient client = connect(relay, listener)) {
                    Received answer = client.binding();
                    assertThat(answer.isSuccess()).as("%s", listener).isTrue();
                    assertThat(answer.has(AttributeType.XOR_MAPPED_ADDRESS)).isTrue();
                    assertThat(client.allocate(TurnClient.UDP)).as("allocation over %s", listener).isNotNull();
                }
            }
        }
    }

    private static TurnClient connect(RelayUnderTest relay, ListenAddress listener) throws Exception {
        InetSocketAddress address = listener.address();
        return switch (listener.transport()) {
            case UDP -> new TurnClient(new DatagramWire(address), RelayUnderTest.USER, RelayUnderTest.PASSWORD);
            case TCP -> relay.client(new Socket(address.getAddress(), address.getPort()));
            case TLS -> relay.client(TlsClientContext.connect(address));
        };
    }
}
