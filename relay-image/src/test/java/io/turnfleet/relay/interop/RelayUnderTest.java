package io.turnfleet.relay.interop;

import io.turnfleet.relay.Relay;
import io.turnfleet.relay.config.PortRange;
import io.turnfleet.relay.config.RelayConfigParser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The relay started in-process exactly as {@code RelayMain} starts it, from command-line flags, on
 * free loopback ports, with the loopback peers these tests use allowed. Reads its counters back
 * through the admin endpoint, as Prometheus would.
 */
final class RelayUnderTest implements AutoCloseable {
    static final String REALM = "interop";
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    private static final int START_ATTEMPTS = 5;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final Relay relay;
    private final InetSocketAddress listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private RelayUnderTest(Relay relay, InetSocketAddress listener) {
        this.relay = relay;
        this.listener = listener;
    }

    /**
     * Starts a relay listening on {@code listenIp} (an IP literal) with the test user, then any
     * {@code extraFlags}. Retries with other ports when a free port was taken in between.
     */
    static RelayUnderTest start(InetAddress listenIp, String... extraFlags) throws IOException {
        InetAddress adminIp = InetAddress.getLoopbackAddress();
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            InetSocketAddress listener = new InetSocketAddress(listenIp, Loopback.freeUdpPort(listenIp));
            List<String> args = new ArrayList<>(List.of(
                    "--listen", "udp://" + literal(listenIp) + ":" + listener.getPort(),
                    "--realm", REALM,
                    "--user", USER + ":" + PASSWORD,
                    "--relay-ports", Loopback.relayPortBlock(),
                    "--allow-loopback-peers",
                    "--admin-listen", adminIp.getHostAddress() + ":" + Loopback.freeTcpPort(adminIp)));
            args.addAll(List.of(extraFlags));
            try {
                return new RelayUnderTest(Relay.start(
                        RelayConfigParser.parse(args.toArray(String[]::new), Map.of()).config()), listener);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static String literal(InetAddress ip) {
        String text = ip.getHostAddress();
        return text.contains(":") ? "[" + text + "]" : text;
    }

    PortRange relayPorts() {
        return relay.config().relayPorts();
    }

    /** The UDP listener address. */
    InetSocketAddress listener() {
        return listener;
    }

    /**
     * The value of one sample of {@code /metrics}, named as Prometheus shows it, e.g.
     * {@code turnfleet_malformed_packets_total{transport="udp"}}.
     */
    double metric(String sample) throws IOException, InterruptedException {
        String text = scrape();
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + sample + " in /metrics:\n" + text);
    }

    String scrape() throws IOException, InterruptedException {
        InetSocketAddress admin = relay.adminAddress();
        URI uri = URI.create("http://" + literal(admin.getAddress()) + ":" + admin.getPort() + "/metrics");
        return http.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(), BodyHandlers.ofString())
                .body();
    }

    @Override
    public void close() {
        relay.close();
    }
}
