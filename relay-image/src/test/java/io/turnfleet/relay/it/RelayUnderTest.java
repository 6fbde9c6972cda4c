package io.turnfleet.relay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnfleet.relay.Relay;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.config.Invocation;
import io.turnfleet.relay.config.RelayConfigParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process relay started the way {@code RelayMain} starts it: from flags. Fills in what every
 * test needs unless the test sets it: a UDP listener and the admin endpoint on free loopback ports,
 * a small free relay port range, one event loop, realm {@value #REALM} and the static users alice
 * and bob. The environment is not read, so TURNFLEET_* variables of the machine change nothing.
 */
public final class RelayUnderTest implements AutoCloseable {
    public static final String REALM = "turnfleet.test";
    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-secret";
    public static final String BOB = "bob";
    public static final String BOB_PASSWORD = "bob-secret";

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Relay relay;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private RelayUnderTest(Relay relay) {
        this.relay = relay;
    }

    public static RelayUnderTest start(String... flags) {
        List<String> given = Arrays.asList(flags);
        List<String> args = new ArrayList<>(given);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (!given.contains("--listen")) {
            args.addAll(List.of("--listen", "udp://127.0.0.1:" + FreePorts.udp(loopback)));
        }
        if (!given.contains("--relay-ports")) {
            args.addAll(List.of("--relay-ports", FreePorts.udpRange(20)));
        }
        if (!given.contains("--threads")) {
            args.addAll(List.of("--threads", "1"));
        }
        if (!given.contains("--realm")) {
            args.addAll(List.of("--realm", REALM));
        }
        args.addAll(List.of("--admin-listen", "127.0.0.1:" + FreePorts.tcp(loopback),
                "--user", ALICE + ":" + ALICE_PASSWORD, "--user", BOB + ":" + BOB_PASSWORD));
        Invocation invocation = RelayConfigParser.parse(args.toArray(String[]::new), Map.of());
        try {
            return new RelayUnderTest(Relay.start(invocation.config()));
        } catch (IOException e) {
            throw new UncheckedIOException("relay did not start with " + args, e);
        }
    }

    public Relay relay() {
        return relay;
    }

    /** The first UDP listener address. */
    public InetSocketAddress listen() {
        return relay.listenAddress(Transport.UDP);
    }

    /** A new client of this relay with alice's credentials. */
    public TurnTestClient client() {
        return new TurnTestClient(listen()).as(ALICE, ALICE_PASSWORD);
    }

    public HttpResponse<String> admin(String path) {
        InetSocketAddress admin = relay.adminAddress();
        URI uri = URI.create("http://" + admin.getHostString() + ":" + admin.getPort() + path);
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + uri, e);
        }
    }

    /** The /load JSON. */
    public JsonNode load() {
        HttpResponse<String> response = admin("/load");
        if (response.statusCode() != 200) {
            throw new AssertionError("/load answered " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("/load is not JSON: " + response.body(), e);
        }
    }

    /**
     * The value of one Prometheus series from /metrics, e.g. {@code metric("turnfleet_dropped_packets_total",
     * "reason=\"no_permission\"")}; 0 when no line matches.
     */
    public double metric(String name, String label) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(admin("/metrics").body());
        double sum = 0;
        while (matcher.find()) {
            if (matcher.group(1).contains(label)) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    @Override
    public void close() {
        relay.close();
    }
}
