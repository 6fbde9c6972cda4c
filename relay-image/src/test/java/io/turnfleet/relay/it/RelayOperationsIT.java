package io.turnfleet.relay.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnfleet.relay.stun.AttributeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the operator relies on, over real sockets: drain (design.md, "Drain") and the admin endpoints
 * reflecting live traffic.
 */
@ExtendWith(NettyLeakCheck.class)
class RelayOperationsIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress IPV4_LOOPBACK = InetAddress.getLoopbackAddress();

    private final OpenedResources opened = new OpenedResources();

    @TempDir
    Path files;

    @AfterEach
    void closeEverythingOpened() throws Exception {
        opened.closeAll();
    }

    private <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    private RelayUnderTest relay(String... flags) {
        return open(RelayUnderTest.start(flags));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code Relay.drainAndClose()} the way SIGTERM does, on its own thread. */
    private static CompletableFuture<Void> startDrain(RelayUnderTest relay) {
        return CompletableFuture.runAsync(() -> {
            try {
                relay.relay().drainAndClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    @Test
    void drainingRelayIsNotReadyRefusesNewAllocationsAndKeepsRelayingForExistingOnes() throws Exception {
        RelayUnderTest relay = relay("--allow-loopback-peers", "--drain-timeout", "60s");
        UdpPeer echo = open(UdpPeer.echo(IPV4_LOOPBACK));
        TurnTestClient existing = open(relay.client());
        existing.allocate();
        existing.channelBind(0x4000, echo.address());
        assertThat(relay.admin("/readyz").statusCode()).isEqualTo(200);
        assertThat(unlabeledMetric(relay, "turnfleet_drain_deadline_timestamp_seconds")).isZero();

        CompletableFuture<Void> drained = startDrain(relay);
        await().atMost(WAIT).until(() -> relay.admin("/readyz").statusCode() == 503);
        double now = System.currentTimeMillis() / 1e3;
        assertThat(unlabeledMetric(relay, "turnfleet_drain_deadline_timestamp_seconds"))
                .as("SIGTERM time + --drain-timeout").isBetween(now + 60 - WAIT.toSeconds(), now + 60.5);
        TurnAnswer refused = open(relay.client()).request(TurnRequest.allocate());
        existing.sendChannelData(0x4000, bytes("still relayed"));
        TurnTestClient.Relayed echoed = existing.receiveRelayed(WAIT);
        JsonNode load = relay.load();

        assertThat(refused.code()).as("%s", refused).isEqualTo(403);
        assertThat(refused.reason()).isEqualTo("Server draining");
        assertThat(echoed.text()).isEqualTo("still relayed");
        assertThat(load.get("draining").asBoolean()).isTrue();
        assertThat(load.get("ready").asBoolean()).isFalse();
        assertThat(load.get("allocations").asInt()).isEqualTo(1);
        assertThat(drained).as("drain waits for the last allocation").isNotDone();
        TurnAnswer refreshed = existing.request(TurnRequest.refresh(3600));
        assertThat(refreshed.unsignedInt(AttributeType.LIFETIME)).as("capped at the drain deadline")
                .isBetween(1L, 60L);

        assertThat(existing.request(TurnRequest.refresh(0)).isSuccess()).isTrue();
        drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void drainingRelayWithAlternatesRedirectsNewAllocationsWithTryAlternate() throws Exception {
        InetSocketAddress alternate = new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 3478);
        Path alternates = Files.writeString(files.resolve("alternates"), "192.0.2.10:3478\n");
        RelayUnderTest relay = relay("--alternate-servers-file", alternates.toString(), "--drain-timeout", "60s");
        TurnTestClient existing = open(relay.client());
        existing.allocate();

        CompletableFuture<Void> drained = startDrain(relay);
        await().atMost(WAIT).until(() -> relay.admin("/readyz").statusCode() == 503);
        TurnTestClient newcomer = open(relay.client());
        TurnAnswer redirected = newcomer.request(TurnRequest.allocate());

        assertThat(redirected.code()).as("%s", redirected).isEqualTo(300);
        assertThat(redirected.plainAddress(AttributeType.ALTERNATE_SERVER)).isEqualTo(alternate);
        assertThat(redirected.verifiesWith(newcomer.key())).isTrue();

        assertThat(existing.request(TurnRequest.refresh(0)).isSuccess()).isTrue();
        drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void loadReportsAllocationsPermissionsChannelsAndTrafficAfterRelaying() throws IOException {
        RelayUnderTest relay = relay("--allow-loopback-peers");
        UdpPeer echo = open(UdpPeer.echo(IPV4_LOOPBACK));
        UdpPeer other = open(UdpPeer.listening(InetAddress.getByName("127.0.0.2")));
        TurnTestClient client = open(relay.client());
        client.allocate();
        client.createPermission(other.address());
        client.channelBind(0x4000, echo.address());

        client.sendChannelData(0x4000, bytes("counted"));
        client.receiveRelayed(WAIT);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode load = relay.load();
            assertThat(load.get("allocations").asInt()).isEqualTo(1);
            assertThat(load.get("permissions").asInt()).as("127.0.0.1 and 127.0.0.2").isEqualTo(2);
            assertThat(load.get("channels").asInt()).isEqualTo(1);
            assertThat(load.get("bytesPerSecond").get("clientToPeer").asDouble()).isPositive();
            assertThat(load.get("bytesPerSecond").get("peerToClient").asDouble()).isPositive();
            assertThat(load.get("packetsPerSecond").get("clientToPeer").asDouble()).isPositive();
            assertThat(load.get("connections").get("udp").asInt()).isEqualTo(1);
            assertThat(load.get("ready").asBoolean()).isTrue();
            assertThat(load.get("draining").asBoolean()).isFalse();
        });
        assertThat(relay.metric("turnfleet_relayed_bytes_total", "direction=\"client_to_peer\""))
                .isEqualTo("counted".length());
        assertThat(relay.metric("turnfleet_event_loop_cpu_seconds_total", "loop=\"0\""))
                .as("the only event loop relayed the packets").isPositive();
    }

    /** The value of a series without labels in /metrics. */
    private static double unlabeledMetric(RelayUnderTest relay, String name) {
        for (String line : relay.admin("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " is not in /metrics");
    }
}
