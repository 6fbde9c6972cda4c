package io.turnfleet.relay;

import io.turnfleet.relay.config.ListenAddress;
import io.turnfleet.relay.net.RelayAddresses;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RelayTurnUrisTest {
    @Test
    void listsEveryListenerOfEachAdvertisedFamilyWithTurnsForTls() throws UnknownHostException {
        RelayAddresses addresses = RelayAddresses.fixed(InetAddress.getByName("0.0.0.0"),
                InetAddress.getByName("::"), InetAddress.getByName("203.0.113.7"),
                InetAddress.getByName("2001:db8::7"));
        List<ListenAddress> listeners = List.of(ListenAddress.parse("udp://0.0.0.0:3478"),
                ListenAddress.parse("tcp://0.0.0.0:3478"), ListenAddress.parse("tls://0.0.0.0:5349"),
                ListenAddress.parse("udp://[::]:3478"));
        assertThat(Relay.turnUris(addresses, listeners)).containsExactly(
                "turn:203.0.113.7:3478?transport=udp",
                "turn:203.0.113.7:3478?transport=tcp",
                "turns:203.0.113.7:5349?transport=tcp",
                "turn:[2001:db8::7]:3478?transport=udp");
    }
}
