package io.turnfleet.relay.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.turnfleet.relay.log.CapturedLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FileReloaderTest {

    private CapturedLogs log;

    @BeforeEach
    void captureLog() {
        log = CapturedLogs.capture(Level.INFO, FileReloader.class.getName());
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private List<String> lines() {
        return log.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    /** A source whose next refresh outcomes the test scripts. */
    static final class ScriptedSource implements Reloadable {
        final AtomicInteger refreshes = new AtomicInteger();
        volatile boolean changeNext;
        volatile Exception failNext;
        private final String name;

        ScriptedSource(String name) {
            this.name = name;
        }

        @Override
        public boolean refresh() throws IOException {
            refreshes.incrementAndGet();
            Exception failure = failNext;
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            boolean changed = changeNext;
            changeNext = false;
            return changed;
        }

        @Override
        public String summary() {
            return name + ": 2 entries";
        }
    }

    @Test
    void onePassRefreshesEverySourceAndLogsOneLinePerChange() {
        ScriptedSource users = new ScriptedSource("users file /u");
        ScriptedSource secrets = new ScriptedSource("auth secret dir /s");
        FileReloader reloader = new FileReloader().register(users).register(secrets);
        secrets.changeNext = true;

        reloader.refreshAll();

        assertThat(users.refreshes).hasValue(1);
        assertThat(secrets.refreshes).hasValue(1);
        assertThat(lines()).containsExactly("INFO reloaded auth secret dir /s: 2 entries");

        reloader.refreshAll();
        assertThat(lines()).hasSize(1);
    }

    @Test
    void failingSourceDoesNotStopTheOthers() {
        ScriptedSource broken = new ScriptedSource("broken");
        ScriptedSource crashing = new ScriptedSource("crashing");
        ScriptedSource healthy = new ScriptedSource("healthy");
        broken.failNext = new IOException("/etc/turnfleet/users/users");
        crashing.failNext = new IllegalStateException("bug");
        healthy.changeNext = true;
        FileReloader reloader = new FileReloader().register(broken).register(crashing).register(healthy);

        reloader.refreshAll();

        assertThat(healthy.refreshes).hasValue(1);
        assertThat(lines()).containsExactly(
                "WARN reload failed, keeping previous content of broken: 2 entries: IOException: /etc/turnfleet/users/users",
                "WARN reload failed, keeping previous content of crashing: 2 entries: IllegalStateException: bug",
                "INFO reloaded healthy: 2 entries");
    }

    @Test
    void repeatedIdenticalFailureIsLoggedOnceAndRecoveryOnce() {
        ScriptedSource source = new ScriptedSource("users file /u");
        source.failNext = new IOException("gone");
        FileReloader reloader = new FileReloader().register(source);

        reloader.refreshAll();
        reloader.refreshAll();
        reloader.refreshAll();
        assertThat(lines()).hasSize(1);

        source.failNext = null;
        reloader.refreshAll();
        reloader.refreshAll();
        assertThat(lines()).last().isEqualTo("INFO readable again, unchanged: users file /u: 2 entries");
        assertThat(lines()).hasSize(2);
    }

    @Test
    void daemonThreadRefreshesPeriodically() {
        ScriptedSource source = new ScriptedSource("s");
        try (FileReloader reloader = new FileReloader(Duration.ofMillis(10)).register(source)) {
            reloader.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> source.refreshes.get() >= 3);
            assertThat(Thread.getAllStackTraces().keySet())
                    .anySatisfy(t -> {
                        assertThat(t.getName()).isEqualTo("turnfleet-file-reloader");
                        assertThat(t.isDaemon()).isTrue();
                    });
        }
    }

    @Test
    void closedReloaderStopsRefreshing() {
        ScriptedSource source = new ScriptedSource("s");
        FileReloader reloader = new FileReloader(Duration.ofMillis(10)).register(source);
        reloader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> source.refreshes.get() >= 1);
        reloader.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("turnfleet-file-reloader")));
        int after = source.refreshes.get();
        reloader.refreshAll();
        assertThat(source.refreshes.get()).isEqualTo(after + 1);
    }

    @Test
    void startingTwiceIsAnError() {
        try (FileReloader reloader = new FileReloader()) {
            reloader.start();
            assertThatThrownBy(reloader::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void intervalMustBePositive() {
        assertThatThrownBy(() -> new FileReloader(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logLevelsAreInfoForChangesAndWarningForFailures() {
        ScriptedSource source = new ScriptedSource("s");
        source.changeNext = true;
        new FileReloader().register(source).refreshAll();
        assertThat(log.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);
    }
}
