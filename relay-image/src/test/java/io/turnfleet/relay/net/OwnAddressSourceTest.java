package io.turnfleet.relay.net;

import io.turnfleet.relay.turn.IpLiteral;
import io.turnfleet.relay.fleet.AlternateServers;
import io.turnfleet.relay.fleet.FleetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

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
        return source(fleet, List::of, interfaces, false);
    }

    private OwnAddressSource source(AlternateServers fleet, Supplier<List<InetAddress>> fleetAddresses,
                                    List<InetAddress> interfaces, boolean loopbackPeersAllowed) {
        RelayAddresses addresses = RelayAddresses.fixed(ip("10.0.0.5"), null, ip("203.0.113.5"), null);
        return new OwnAddressSource(List.of(ip("203.0.113.5")), addresses, fleet, fleetAddresses, () -> interfaces,
                loopbackPeersAllowed, MIN, MAX);
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

    @Test
    void everyAddressOfTheFleetAddressesFileIsOwnOnceTheFileAppearsAndChanges() throws IOException {
        Path file = dir.resolve("relay-addresses");
        FleetAddresses fleetAddresses = new FleetAddresses(file);
        fleetAddresses.refresh();
        OwnAddressSource source = source(AlternateServers.none(), fleetAddresses::addresses, List.of(), false);
        assertThat(source.current().permits(ip("10.1.2.3"), 10_250)).as("no file yet: none").isTrue();

        Files.writeString(file, "# node-b\n10.1.2.3\n198.51.100.8 # its ExternalIP\n2001:db8::8\n");
        fleetAddresses.refresh();

        assertThat(source.refresh()).isTrue();
        assertThat(source.current().permits(ip("10.1.2.3"), 10_250)).as("another node's kubelet").isFalse();
        assertThat(source.current().permits(ip("198.51.100.8"), 22)).isFalse();
        assertThat(source.current().permits(ip("2001:db8::8"), 10_250)).isFalse();
        assertThat(source.current().permits(ip("10.1.2.3"), MAX)).as("client-to-client across the fleet").isTrue();
        assertThat(source.refresh()).as("nothing changed since").isFalse();

        Files.writeString(file, "198.51.100.8\n");
        fleetAddresses.refresh();

        assertThat(source.refresh()).isTrue();
        assertThat(source.current().permits(ip("10.1.2.3"), 10_250)).as("a node that left the fleet").isTrue();
        assertThat(source.current().permits(ip("198.51.100.8"), 10_250)).isFalse();
    }

    @Test
    void aLoopbackAddressOfTheFleetAddressesFileIsOwnEvenWhenLoopbackPeersAreAllowed() throws IOException {
        Path file = Files.writeString(dir.resolve("relay-addresses"), "127.0.0.3\n");
        FleetAddresses fleetAddresses = new FleetAddresses(file);
        fleetAddresses.refresh();

        OwnAddressSource source = source(AlternateServers.none(), fleetAddresses::addresses, List.of(ip("127.0.0.1")),
                true);

        assertThat(source.current().permits(ip("127.0.0.3"), 10_250)).as("named, like --relay-ip").isFalse();
        assertThat(source.current().permits(ip("127.0.0.1"), 10_250)).as("found on lo: a test peer").isTrue();
    }
}
