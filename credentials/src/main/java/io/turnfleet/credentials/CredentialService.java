package io.turnfleet.credentials;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.turnfleet.credentials.caller.ApiKeys;
import io.turnfleet.credentials.caller.CallerCheck;
import io.turnfleet.credentials.caller.RateLimit;
import io.turnfleet.credentials.caller.TokenReviewer;
import io.turnfleet.credentials.config.ServiceConfig;
import io.turnfleet.credentials.fleet.FleetFile;
import io.turnfleet.credentials.fleet.RelayChoice;
import io.turnfleet.credentials.http.Cors;
import io.turnfleet.credentials.http.CredentialHttpInitializer;
import io.turnfleet.credentials.http.CredentialRequestHandler;
import io.turnfleet.credentials.mount.MountReloader;
import io.turnfleet.credentials.mount.Reloadable;
import io.turnfleet.credentials.rest.CredentialTerms;
import io.turnfleet.credentials.rest.SigningSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The running service: mounted files read and re-read, the HTTP listener open. */
public final class CredentialService implements AutoCloseable {
  static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);
  static final Duration TOKEN_REVIEW_CACHE = Duration.ofSeconds(30);
  /** A caller waits for the review: fail fast (503, retry later) rather than hold it through backoffs. */
  static final Duration TOKEN_REVIEW_TIMEOUT = Duration.ofSeconds(5);
  static final int TOKEN_REVIEW_RETRIES = 1;

  private final MountReloader reloader;
  private final Optional<KubernetesClient> kubernetes;
  private final EventLoopGroup loops;
  private final EventExecutorGroup requestThreads;
  private final Channel listener;

  private CredentialService(MountReloader reloader, Optional<KubernetesClient> kubernetes, EventLoopGroup loops,
      EventExecutorGroup requestThreads, Channel listener) {
    this.reloader = reloader;
    this.kubernetes = kubernetes;
    this.loops = loops;
    this.requestThreads = requestThreads;
    this.listener = listener;
  }

  /** Starts the service; the Kubernetes client is built (in-cluster) only when TokenReview is on. */
  public static CredentialService start(ServiceConfig config, Clock clock) throws IOException, InterruptedException {
    Optional<KubernetesClient> kubernetes = config.tokenReview()
        ? Optional.of(new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.autoConfigure(null))
            .withRequestRetryBackoffLimit(TOKEN_REVIEW_RETRIES)
            .withRequestTimeout((int) TOKEN_REVIEW_TIMEOUT.toMillis())
            .build()).build())
        : Optional.empty();
    return start(config, clock, kubernetes);
  }

  static CredentialService start(ServiceConfig config, Clock clock, Optional<KubernetesClient> kubernetes)
      throws IOException, InterruptedException {
    SigningSecret secret = new SigningSecret(config.secretFile());
    FleetFile fleet = new FleetFile(config.fleetFile());
    Optional<ApiKeys> apiKeys = config.apiKeysDir().map(ApiKeys::new);
    List<Reloadable> mounts = new ArrayList<>(List.of(secret, fleet));
    apiKeys.ifPresent(mounts::add);
    MountReloader reloader = new MountReloader(mounts, RELOAD_INTERVAL);
    reloader.refreshAll();

    CredentialIssuer issuer = new CredentialIssuer(secret, fleet, new RelayChoice(config.maxRelays()),
        new CredentialTerms(config.maxTtlSeconds()), clock);
    CallerCheck callers = new CallerCheck(apiKeys,
        kubernetes.map(client -> new TokenReviewer(client, config.tokenAudiences(), TOKEN_REVIEW_CACHE)),
        new RateLimit(config.ratePerSecond(), config.burst()));
    CredentialRequestHandler handler = new CredentialRequestHandler(issuer, callers, new Cors(config.corsOrigins()),
        new CredentialMetrics(), testPage());

    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventExecutorGroup requestThreads = new DefaultEventExecutorGroup(config.threads());
    try {
      Channel listener = new ServerBootstrap()
          .group(loops)
          .channel(NioServerSocketChannel.class)
          .childHandler(new CredentialHttpInitializer(handler, requestThreads))
          .bind(config.listen()).sync().channel();
      return new CredentialService(reloader, kubernetes, loops, requestThreads, listener);
    } catch (RuntimeException | InterruptedException e) {
      reloader.close();
      loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
      requestThreads.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
      kubernetes.ifPresent(KubernetesClient::close);
      throw e;
    }
  }

  private static byte[] testPage() throws IOException {
    try (InputStream page = CredentialService.class.getResourceAsStream("test-page.html")) {
      if (page == null) {
        throw new IOException("test-page.html missing from the jar");
      }
      return page.readAllBytes();
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    reloader.close();
    loops.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    requestThreads.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    kubernetes.ifPresent(KubernetesClient::close);
  }
}
