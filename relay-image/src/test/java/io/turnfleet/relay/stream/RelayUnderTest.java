package io.turnfleet.relay.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnfleet.relay.Relay;
import io.turnfleet.relay.config.ListenAddress;
import io.turnfleet.relay.config.RelayConfigParser;
import io.turnfleet.relay.config.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relay started in-process on 127.0.0.1 the way RelayMain starts it, with one static user,
 * loopback peers allowed (the peers of these tests live on 127.0.0.1) and the given extra flags.
 */
final class RelayUnderTest implements AutoCloseable {
    static final String REALM = "turnfleet-it";
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Relay relay;

    private RelayUnderTest(Relay relay) {
        this.relay = relay;
    }

    /** {@code --listen tcp://127.0.0.1:PORT} on a free port. */
    static List<String> listen(Transport transport) {
        int port = transport == Transport.UDP ? FreePort.tcpAndUdp() : FreePort.tcp();
        return List.of("--listen", transport.scheme() + "://127.0.0.1:" + port);
    }

    /** {@code flags} may give --relay-ports; otherwise a range of 200 ports is picked. */
    static RelayUnderTest start(List<String> flags) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--realm", REALM,
                "--user", USER + ":" + PASSWORD,
                "--admin-listen", "127.0.0.1:" + FreePort.tcp(),
                "--allow-loopback-peers",
                "--threads", "2"));
        if (!flags.contains("--relay-ports")) {
            args.addAll(List.of("--relay-ports", FreePort.relayRange()));
        }
        args.addAll(flags);
        return new RelayUnderTest(Relay.start(RelayConfigParser.parse(args.toArray(String[]::new), Map.of()).config()));
    }

    List<ListenAddress> listeners() {
        return relay.listeners();
    }

    InetSocketAddress address(Transport transport) {
        return relay.listenAddress(transport);
    }

    TurnClient tcpClient() throws IOException {
        return client(new Socket(address(Transport.TCP).getAddress(), address(Transport.TCP).getPort()));
    }

    TurnClient client(Socket socket) throws IOException {
        return new TurnClient(new StreamWire(socket), USER, PASSWORD);
    }

    TurnClient udpClient() throws IOException {
        return new TurnClient(new DatagramWire(address(Transport.UDP)), USER, PASSWORD);
    }

    /** A series of /metrics, e.g. {@code metric("turnfleet_malformed_packets_total", "transport", "tcp")}. */
    double metric(String name, String label, String value) throws IOException {
        String text = get("/metrics");
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).contains(label + "=\"" + value + "\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no series " + name + "{" + label + "=\"" + value + "\"} in /metrics");
    }

    /** A series of /metrics without labels. */
    double metric(String name) throws IOException {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{})?\\s+(\\S+)$", Pattern.MULTILINE)
                .matcher(get("/metrics"));
        if (!matcher.find()) {
            throw new AssertionError("no series " + name + " in /metrics");
        }
        return Double.parseDouble(matcher.group(1));
    }

    JsonNode load() throws IOException {
        return JSON.readTree(get("/load"));
    }

    private String get(String path) throws IOException {
        InetSocketAddress admin = relay.adminAddress();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during GET " + path, e);
        }
    }

    @Override
    public void close() {
        relay.close();
    }
}
