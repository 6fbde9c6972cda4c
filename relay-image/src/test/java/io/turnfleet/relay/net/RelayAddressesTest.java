package io.turnfleet.relay.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RelayAddressesTest {
    @TempDir
    Path dir;

    @Test
    void isNotKnownUntilTheOperatorWritesTheAddressFile() throws IOException {
        Path file = dir.resolve("node-a");
        RelayAddresses addresses = RelayAddresses.fromFile(InetAddress.getByName("0.0.0.0"), null, file);
        assertThat(addresses.known()).isFalse();
        assertThat(addresses.supports(true)).isFalse();

        Files.writeString(file, "203.0.113.7\n");
        assertThat(addresses.refresh()).isTrue();
        assertThat(addresses.known()).isTrue();
        assertThat(addresses.advertised(true, 50000)).isEqualTo(new InetSocketAddress("203.0.113.7", 50000));
    }

    @Test
    void takesOneAddressPerFamilyAndOnlyForFamiliesItRelays() throws IOException {
        Path file = dir.resolve("node-a");
        Files.writeString(file, "2001:db8::7, 203.0.113.7 203.0.113.8\n");
        RelayAddresses v4Only = RelayAddresses.fromFile(InetAddress.getByName("0.0.0.0"), null, file);
        assertThat(v4Only.advertised()).containsExactly(InetAddress.getByName("203.0.113.7"));
        assertThat(v4Only.supports(false)).isFalse();

        RelayAddresses dual = RelayAddresses.fromFile(InetAddress.getByName("0.0.0.0"), InetAddress.getByName("::"),
                file);
        assertThat(dual.advertised()).containsExactly(InetAddress.getByName("203.0.113.7"),
                InetAddress.getByName("2001:db8::7"));
    }

    @Test
    void ignoresHostNamesInsteadOfResolvingThem() throws IOException {
        Path file = dir.resolve("node-a");
        Files.writeString(file, "localhost\n");
        RelayAddresses addresses = RelayAddresses.fromFile(InetAddress.getByName("0.0.0.0"), null, file);
        assertThat(addresses.known()).isFalse();
    }

    @Test
    void fixedAddressesNeedABindAddressOfTheirFamily() throws IOException {
        RelayAddresses addresses = RelayAddresses.fixed(InetAddress.getByName("10.0.0.5"), null,
                InetAddress.getByName("203.0.113.7"), InetAddress.getByName("2001:db8::7"));
        assertThat(addresses.supports(true)).isTrue();
        assertThat(addresses.supports(false)).isFalse();
        assertThat(addresses.bind(true)).isEqualTo(InetAddress.getByName("10.0.0.5"));
    }
}
