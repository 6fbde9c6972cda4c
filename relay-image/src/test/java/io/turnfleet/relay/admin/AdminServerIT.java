package io.turnfleet.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeRelayStatus status = new FakeRelayStatus();
    private final RelayMetrics metrics = new RelayMetrics();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private AdminServer server;
    private InetSocketAddress address;

    @BeforeEach
    void startServer() throws IOException {
        metrics.bindStatus(status);
        server = new AdminServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), status, metrics,
                LoadMeter.onSystemClock(status, metrics));
        address = server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        metrics.close();
    }

    @Test
    void startReturnsTheBoundPortWhenAskedForPortZero() {
        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(address.getPort()).isPositive();
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void headGetsTheHeadersOfGetWithoutBody() throws Exception {
        HttpResponse<String> response = send(request("/readyz").method("HEAD", BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).hasValue("6");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void queryStringDoesNotChangeTheEndpoint() throws Exception {
        assertThat(get("/healthz?verbose=1").statusCode()).isEqualTo(200);
    }

    @Test
    void readyzFollowsTheRelay() throws Exception {
        assertThat(get("/readyz")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ready\n");
        });

        status.ready = false;
        assertThat(get("/readyz")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("unconfigured\n");
        });

        status.ready = true;
        status.draining = true;
        assertThat(get("/readyz")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("draining\n");
        });

        status.draining = false;
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void healthzStaysOkWhileDraining() throws Exception {
        status.draining = true;
        status.ready = false;

        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsServesPrometheusText() throws Exception {
        status.allocations = 7;
        metrics.relayed(Direction.PEER_TO_CLIENT, 321);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(RelayMetricsTest.value(response.body(), "turnfleet_allocations")).isEqualTo(7.0);
        assertThat(RelayMetricsTest.value(response.body(), "turnfleet_relayed_bytes_total{direction=\"peer_to_client\"}"))
                .isEqualTo(321.0);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void metricsHonoursAnOpenMetricsAcceptHeader() throws Exception {
        HttpResponse<String> response = send(request("/metrics")
                .header("Accept", "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void loadServesTheContractJson() throws Exception {
        status.allocations = 12;
        status.permissions = 20;
        status.channels = 18;
        status.tcp = 3;
        status.tls = 1;

        HttpResponse<String> response = get("/load");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("allocations").asLong()).isEqualTo(12);
        assertThat(json.get("permissions").asLong()).isEqualTo(20);
        assertThat(json.get("channels").asLong()).isEqualTo(18);
        assertThat(json.get("capacity").asLong()).isZero();
        assertThat(json.at("/bytesPerSecond/clientToPeer").isNumber()).isTrue();
        assertThat(json.at("/packetsPerSecond/peerToClient").isNumber()).isTrue();
        assertThat(json.at("/connections/tcp").asLong()).isEqualTo(3);
        assertThat(json.at("/connections/tls").asLong()).isEqualTo(1);
        assertThat(json.get("draining").asBoolean()).isFalse();
        assertThat(json.get("ready").asBoolean()).isTrue();
        assertThat(json.get("uptimeSeconds").asLong()).isNotNegative();
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        HttpResponse<String> response = get("/admin");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("not found\n");
    }

    @Test
    void unknownPathIsNotFoundWhateverTheMethod() throws Exception {
        assertThat(send(request("/admin").method("POST", BodyPublishers.noBody())).statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
            HttpResponse<String> response = send(request("/readyz").method(method, BodyPublishers.noBody()));

            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("allow")).as(method).hasValue("GET, HEAD");
        }
    }

    @Test
    void requestBodyIsNotAccepted() throws Exception {
        HttpResponse<String> response = send(request("/healthz").method("GET", BodyPublishers.ofString("hello")));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void requestBodyOverEightKibIsRejected() throws Exception {
        HttpResponse<String> response = send(request("/healthz")
                .method("GET", BodyPublishers.ofByteArray(new byte[AdminHttpInitializer.MAX_REQUEST_BYTES + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void headersOverEightKibAreRejectedAndTheConnectionClosed() throws Exception {
        String request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(9000) + "\r\n\r\n";

        String answer = exchangeUntilClosed(request);

        assertThat(answer).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void garbageIsAnsweredWithBadRequestAndTheConnectionClosed() throws Exception {
        String answer = exchangeUntilClosed("\u0001\u0002 nonsense\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void keepAliveConnectionServesPipelinedRequestsInOrder() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answers = readUntil(socket.getInputStream(), "ready\n");

            assertThat(answers).startsWith("HTTP/1.1 200 OK").contains("\r\n\r\nok\nHTTP/1.1 200 OK");
            assertThat(socket.isClosed()).isFalse();

            socket.getOutputStream().write("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(socket.getInputStream(), "not found\n")).startsWith("HTTP/1.1 404 ");
        }
    }

    @Test
    void connectionCloseRequestIsClosedAfterTheAnswer() throws Exception {
        String answer = exchangeUntilClosed("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("ok\n");
    }

    @Test
    void bindingAnAddressInUseFailsNamingTheAddress() {
        AdminServer second = new AdminServer(address, status, metrics, LoadMeter.onSystemClock(status, metrics));

        assertThatThrownBy(second::start)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("admin HTTP cannot listen on " + address);
    }

    @Test
    void closedServerNoLongerAccepts() {
        server.close();

        assertThatThrownBy(() -> get("/healthz")).isInstanceOf(ConnectException.class);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    private String exchangeUntilClosed(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new AssertionError("connection closed before '" + end.strip() + "'; got: " + seen);
            }
            seen.write(chunk, 0, n);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
