package io.turnfleet.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator's HTTP port: {@code /healthz} (informers healthy), {@code /readyz} (started; with
 * leader election a standby replica is ready too) and {@code /metrics} (Prometheus).
 */
public final class HealthEndpoints implements AutoCloseable {
  private final HttpServer server;

  private HealthEndpoints(HttpServer server) {
    this.server = server;
  }

  public static HealthEndpoints start(int port, RuntimeInfo runtime, PrometheusMeterRegistry registry)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", exchange -> respond(exchange,
        !runtime.isStarted() || runtime.allEventSourcesAreHealthy() ? 200 : 503,
        runtime.allEventSourcesAreHealthy() ? "ok\n" : "informers unhealthy\n", "text/plain"));
    server.createContext("/readyz", exchange -> respond(exchange, runtime.isStarted() ? 200 : 503,
        runtime.isStarted() ? "ok\n" : "starting\n", "text/plain"));
    server.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape(),
        "text/plain; version=0.0.4; charset=utf-8"));
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "health-endpoints");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new HealthEndpoints(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int code, String body, String contentType) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        code = 404;
        body = "not found\n";
      } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        code = 405;
        body = "method not allowed\n";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
