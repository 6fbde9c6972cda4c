package io.turnfleet.credentials;

import io.turnfleet.credentials.config.ConfigException;
import io.turnfleet.credentials.config.ServiceConfig;
import io.turnfleet.credentials.config.ServiceFlags;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: parse flags (bad ones end the process with one line and exit code 2), serve until SIGTERM. */
public final class CredentialsMain {
  private static final Logger log = LoggerFactory.getLogger(CredentialsMain.class);

  private CredentialsMain() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(ServiceFlags.HELP);
      return;
    }
    ServiceConfig config;
    try {
      config = ServiceFlags.parse(args);
    } catch (ConfigException e) {
      System.err.println("turnfleet-credentials: " + e.getMessage());
      System.exit(2);
      return;
    }
    CredentialService service = CredentialService.start(config, Clock.systemUTC());
    log.info("serving on {} (max TTL {}s, up to {} relays per answer, API keys {}, TokenReview {})",
        service.address(), config.maxTtlSeconds(), config.maxRelays(), config.apiKeysDir().isPresent() ? "on" : "off",
        config.tokenReview() ? "on" : "off");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "turnfleet-credentials-shutdown"));
    stopped.await();
  }
}
