package io.turnfleet.relay.net;

import io.turnfleet.relay.turn.IpLiteral;
import io.turnfleet.relay.fleet.AlternateServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OwnAddressSourceTest {
    private static final int MIN = 49_152;
    private static final int MAX = 49_999;

    @TempDir
    Path dir;

    private static InetAddress ip(String literal) {
        return IpLiteral.toInetAddress(literal);
    }

    private OwnAddressSource source(AlternateServers fleet, List<InetAddress> interfaces) {
        RelayAddresses addresses = RelayAddresses.fixed(ip("10.0.0.5"), null, ip("203.0.113.5"), null);
        return new OwnAddressSource(List.of(ip("203.0.113.5")), addresses, fleet, () -> interfaces, false, MIN,
                MAX);
    }

    @Test
    void relayAdvertisedBindAndInterfaceAddressesAreOwn() {
        OwnAddressSource source = source(AlternateServers.none(), List.of(ip("192.168.1.7"), ip("fe80::1")));

        assertThat(source.current().permits(ip("203.0.113.5"), 10_250)).isFalse();
        assertThat(source.current().permits(ip("10.0.0.5"), 10_250)).isFalse();
        assertThat(source.current().permits(ip("192.168.1.7"), 10_250)).isFalse();
        assertThat(source.current().permits(ip("fe80::1"), 10_250)).isFalse();
        assertThat(source.current().permits(ip("203.0.113.9"), 10_250)).isTrue();
    }

    @Test
    void relaysOfTheFleetFileBecomeOwnWhenTheFileChanges() throws IOException {
        Path fleetFile = dir.resolve("alternates");
        AlternateServers fleet = new AlternateServers(fleetFile, address -> false);
        OwnAddressSource source = source(fleet, List.of());
        assertThat(source.current().permits(ip("198.51.100.7"), 10_250)).isTrue();

        Files.writeString(fleetFile, "198.51.100.7:3478\n[2001:db8::7]:3478\n");
        fleet.refresh();
        boolean changed = source.refresh();

        assertThat(changed).isTrue();
        assertThat(source.current().permits(ip("198.51.100.7"), 10_250)).isFalse();
        assertThat(source.current().permits(ip("2001:db8::7"), 10_250)).isFalse();
        assertThat(source.current().permits(ip("198.51.100.7"), MIN)).as("client-to-client across the fleet")
                .isTrue();
        assertThat(source.refresh()).as("nothing changed since").isFalse();
    }
}
