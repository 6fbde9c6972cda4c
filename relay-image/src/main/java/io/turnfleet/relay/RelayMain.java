package io.turnfleet.relay;

import io.netty.util.ResourceLeakDetector;
import io.turnfleet.relay.config.ConfigException;
import io.turnfleet.relay.config.Invocation;
import io.turnfleet.relay.config.RelayConfig;
import io.turnfleet.relay.config.RelayConfigParser;
import io.turnfleet.relay.config.RelayFlags;
import io.turnfleet.relay.config.RelayVersion;
import io.turnfleet.relay.log.LogSetup;
import sun.misc.Signal;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar turnfleet-relay.jar [flags]}. Exit codes: 0 after a drain that SIGTERM or SIGINT
 * started, 1 when a socket can't be opened, 2 for invalid configuration, including TLS files that
 * don't hold a usable certificate and key (one line on stderr naming the value, before any socket
 * opens).
 */
public final class RelayMain {
    private RelayMain() {
    }

    public static void main(String[] args) {
        Invocation invocation;
        try {
            invocation = RelayConfigParser.parse(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("turnfleet-relay: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (invocation.request()) {
            case PRINT_HELP -> System.out.print(RelayFlags.helpText());
            case PRINT_VERSION -> System.out.println(RelayVersion.versionLine());
            case RUN -> System.exit(run(invocation.config()));
        }
    }

    private static int run(RelayConfig config) {
        LogSetup.configure(config.logFormat(), config.logLevel());
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Leak tracking touches every relayed message; the tests run with it on (paranoid), the
            // relay runs without unless -Dio.netty.leakDetection.level asks for it.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        Logger log = LoggerFactory.getLogger(RelayMain.class);
        Relay relay;
        try {
            relay = Relay.start(config);
        } catch (ConfigException e) {
            System.err.println("turnfleet-relay: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            log.error(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM is handled here, not in a shutdown hook: a hook could not exit 0, and the JDK's
        // logging shuts down in its own hook, which would swallow the drain's log lines.
        Signal.handle(new Signal("TERM"), signal -> stopped.countDown());
        Signal.handle(new Signal("INT"), signal -> stopped.countDown());
        try {
            stopped.await();
            log.info("SIGTERM: draining");
            relay.drainAndClose();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.close();
            return 1;
        } catch (RuntimeException e) {
            log.error("stopping after an unexpected error", e);
            relay.close();
            return 1;
        }
    }
}
