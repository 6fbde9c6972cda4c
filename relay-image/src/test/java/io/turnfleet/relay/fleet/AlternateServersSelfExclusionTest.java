package io.turnfleet.relay.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlternateServersSelfExclusionTest {
    @TempDir
    Path dir;

    @Test
    void aRelayNeverNamesItselfEvenWhileTheFileStillListsIt() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "203.0.113.7:3478\n203.0.113.8:3478\n");
        InetSocketAddress self = new InetSocketAddress("203.0.113.7", 3478);
        AlternateServers alternates = new AlternateServers(file, self::equals);
        alternates.refresh();
        Set<InetSocketAddress> picked = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            picked.add(alternates.pick(true).address());
        }
        assertThat(picked).containsExactly(new InetSocketAddress("203.0.113.8", 3478));
    }

    @Test
    void aFileListingOnlyThisRelayYieldsNoAlternate() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "203.0.113.7:3478\n");
        AlternateServers alternates = new AlternateServers(file, a -> a.getPort() == 3478);
        alternates.refresh();
        assertThat(alternates.pick(true)).isNull();
    }

    @Test
    void selfIsAskedAtEachPickSoAChangedAdvertisedAddressCounts() throws IOException {
        Path file = dir.resolve("alternates");
        Files.writeString(file, "203.0.113.7:3478\n");
        AtomicReference<String> advertised = new AtomicReference<>("203.0.113.9");
        AlternateServers alternates = new AlternateServers(file,
                a -> a.getAddress().getHostAddress().equals(advertised.get()));
        alternates.refresh();
        assertThat(alternates.pick(true).address()).isEqualTo(new InetSocketAddress("203.0.113.7", 3478));
        advertised.set("203.0.113.7");
        assertThat(alternates.pick(true)).isNull();
    }
}
