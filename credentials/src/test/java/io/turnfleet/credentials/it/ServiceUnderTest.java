package io.turnfleet.credentials.it;

import io.turnfleet.credentials.CredentialService;
import io.turnfleet.credentials.config.ConfigException;
import io.turnfleet.credentials.config.ServiceFlags;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The credential service started from flags on a free loopback port, over mounted-looking
 * directories: {@code secret/current}, {@code keys/<caller>} and {@code fleet/relays.json}.
 */
public final class ServiceUnderTest implements AutoCloseable {
  public static final String API_KEY = "it-api-key-of-the-web-app";
  public static final String CALLER = "web-app";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final CredentialService service;
  private final Path fleetFile;

  private ServiceUnderTest(CredentialService service, Path fleetFile) {
    this.service = service;
    this.fleetFile = fleetFile;
  }

  /**
   * @param secretDir the directory the relay reads its secrets from too
   * @param fleetJson the fleet file as the service finds it at start
   */
  public static ServiceUnderTest start(Path secretDir, Path workDir, String fleetJson, String... extraFlags)
      throws IOException, InterruptedException, ConfigException {
    Path keys = Files.createDirectories(workDir.resolve("keys"));
    Files.writeString(keys.resolve(CALLER), API_KEY + "\n");
    Path fleet = Files.createDirectories(workDir.resolve("fleet")).resolve("relays.json");
    Files.writeString(fleet, fleetJson);
    List<String> args = new ArrayList<>(List.of("--listen", "127.0.0.1:" + RelayProcess.freePort(),
        "--secret-dir", secretDir.toString(), "--fleet-file", fleet.toString(), "--api-keys-dir", keys.toString()));
    args.addAll(List.of(extraFlags));
    return new ServiceUnderTest(CredentialService.start(ServiceFlags.parse(args.toArray(String[]::new)),
        Clock.systemUTC()), fleet);
  }

  /** Publishes a fleet file as the operator would (the service re-reads it within a second). */
  public void publishFleet(String json) throws IOException {
    Path tmp = fleetFile.resolveSibling("relays.json.tmp");
    Files.writeString(tmp, json);
    Files.move(tmp, fleetFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + service.address().getPort() + pathAndQuery);
  }

  public HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.GET().build(), BodyHandlers.ofString());
  }

  public HttpResponse<String> options(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).headers(headers)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
  }

  @Override
  public void close() {
    service.close();
  }
}
