package io.turnfleet.relay.fleet;

import io.turnfleet.relay.turn.IpLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FleetAddressesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileMeansNoAddressesUntilItAppears() throws IOException {
        Path file = dir.resolve("relay-addresses");
        FleetAddresses fleet = new FleetAddresses(file);
        fleet.refresh();
        assertThat(fleet.addresses()).isEmpty();

        Files.writeString(file, "10.0.0.7\n");

        assertThat(fleet.refresh()).isTrue();
        assertThat(fleet.addresses()).containsExactly(IpLiteral.toInetAddress("10.0.0.7"));
        assertThat(fleet.refresh()).as("unchanged").isFalse();
    }

    @Test
    void readsOneLiteralPerLineSkippingCommentsBlankLinesAndDuplicates() throws IOException {
        Path file = Files.writeString(dir.resolve("relay-addresses"),
                "# written by the operator\r\n10.0.0.7\n\n  2001:db8::7  \n203.0.113.7 # ExternalIP\n10.0.0.7\n");
        FleetAddresses fleet = new FleetAddresses(file);
        fleet.refresh();

        assertThat(fleet.addresses()).containsExactly(IpLiteral.toInetAddress("10.0.0.7"),
                IpLiteral.toInetAddress("2001:db8::7"), IpLiteral.toInetAddress("203.0.113.7"));
        assertThat(fleet.skippedLines()).isZero();
        assertThat(fleet.summary()).endsWith(": 3 addresses");
    }

    @Test
    void unreadableLinesAndHostNamesAreSkippedCountedAndNeverResolved() throws IOException {
        Path file = Files.writeString(dir.resolve("relay-addresses"),
                "localhost\n10.0.0.7:3478\n010.0.0.1\nnode-b.example\n10.0.0.8\n");
        FleetAddresses fleet = new FleetAddresses(file);

        assertThat(fleet.refresh()).isTrue();

        assertThat(fleet.addresses()).containsExactly(IpLiteral.toInetAddress("10.0.0.8"));
        assertThat(fleet.skippedLines()).isEqualTo(4);
        assertThat(fleet.summary()).contains("1 addresses, 4 unreadable lines skipped")
                .doesNotContain("localhost", "node-b");
    }
}
