package io.turnfleet.relay.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import io.turnfleet.relay.it.RelayUnderTest;
import io.turnfleet.relay.it.TurnRequest;
import io.turnfleet.relay.it.TurnTestClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A relay logging at debug, in either format, while clients authenticate with static passwords and
 * TURN REST credentials, fail to, and the shared secret changes: no password, secret or derived
 * credential reaches a log line.
 */
class SecretsNeverLoggedIT {
    private static final String OLD_SECRET = "old-shared-secret-6f1b2c";
    private static final String NEW_SECRET = "new-shared-secret-9a43d7";
    private static final String WRONG_PASSWORD = "wrong-password-5a47";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restoreTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void noPasswordOrSecretReachesTheLog(LogFormat format, @TempDir Path secrets) throws Exception {
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setOutputStream(out);
        LogSetup.configure(format, LogLevel.DEBUG, appender);
        Files.writeString(secrets.resolve("current"), OLD_SECRET);
        String restUser = (System.currentTimeMillis() / 1000 + 3600) + ":carol";
        try (RelayUnderTest relay = RelayUnderTest.start("--auth-secret-dir", secrets.toString())) {
            try (TurnTestClient alice = relay.client().as(RelayUnderTest.ALICE, RelayUnderTest.ALICE_PASSWORD)) {
                alice.allocate();
            }
            try (TurnTestClient mallory = relay.client().as(RelayUnderTest.BOB, WRONG_PASSWORD)) {
                assertThat(mallory.request(TurnRequest.allocate()).isSuccess()).isFalse();
            }
            Files.writeString(secrets.resolve("next"), NEW_SECRET);
            await().atMost(Duration.ofSeconds(20)).until(() -> written().contains("reloaded"));
            try (TurnTestClient carol = relay.client().as(restUser, restPassword(NEW_SECRET, restUser))) {
                carol.allocate();
            }
        }

        String log = written();
        assertThat(log).contains("answered request", "reloaded", "relay ready");
        assertThat(log).doesNotContain(RelayUnderTest.ALICE_PASSWORD, RelayUnderTest.BOB_PASSWORD, WRONG_PASSWORD,
                OLD_SECRET, NEW_SECRET, restPassword(NEW_SECRET, restUser), restPassword(OLD_SECRET, restUser));
    }

    /** The TURN REST API password: base64(HMAC-SHA1(secret, username)). */
    private static String restPassword(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    private String written() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
