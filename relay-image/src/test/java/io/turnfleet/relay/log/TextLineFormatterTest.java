package io.turnfleet.relay.log;

import static io.turnfleet.relay.log.LogField.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class TextLineFormatterTest {

    private final TextLineFormatter formatter = new TextLineFormatter();

    @Test
    void lineHasTimeLevelShortLoggerMessageAndFields() {
        LogRecord record = record(Level.INFO, "io.turnfleet.relay.turn", "allocation created");
        record.setParameters(new Object[] {field("client", "203.0.113.7:50000"), field("lifetime", 600)});

        assertThat(formatter.format(record))
                .isEqualTo("2026-11-26T12:00:00.123Z INFO  relay.turn  allocation created client=203.0.113.7:50000 lifetime=600\n");
    }

    @Test
    void levelsUseCommonNamesPaddedToOneWidth() {
        assertThat(formatter.format(record(Level.SEVERE, "io.turnfleet.relay.net", "x"))).contains(" ERROR relay.net  x");
        assertThat(formatter.format(record(Level.WARNING, "io.turnfleet.relay.net", "x"))).contains(" WARN  relay.net  x");
        assertThat(formatter.format(record(Level.FINE, "io.turnfleet.relay.net", "x"))).contains(" DEBUG relay.net  x");
        assertThat(formatter.format(record(Level.FINEST, "io.turnfleet.relay.net", "x"))).contains(" TRACE relay.net  x");
    }

    @Test
    void foreignLoggersKeepTheirFullName() {
        assertThat(formatter.format(record(Level.INFO, "io.netty.channel.DefaultChannelPipeline", "x")))
                .contains(" INFO  io.netty.channel.DefaultChannelPipeline  x");
    }

    @Test
    void messageFormatPlaceholdersAreFilledIn() {
        LogRecord record = record(Level.INFO, "io.turnfleet.relay.net", "listening on {0}");
        record.setParameters(new Object[] {"udp://0.0.0.0:3478"});

        assertThat(formatter.format(record)).endsWith("  listening on udp://0.0.0.0:3478\n");
    }

    @Test
    void lineBreaksAndControlCharactersInTheMessageAreEscaped() {
        String line = formatter.format(record(Level.INFO, "io.turnfleet.relay.net", "first\nsecond\r\tthird\u0007"));

        assertThat(line).endsWith("  first\\nsecond\\r\\tthird\\u0007\n");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    }

    @Test
    void valuesWithSpacesQuotesOrEqualsAreQuoted() {
        LogRecord record = record(Level.INFO, "io.turnfleet.relay.auth", "secrets reloaded");
        record.setParameters(new Object[] {
            field("dir", "/etc/turn fleet"), field("note", "say \"hi\""), field("pair", "a=b"), field("empty", ""),
            field("path", "C:\\x"), field("plain", "ok")});

        assertThat(formatter.format(record)).endsWith(
                "secrets reloaded dir=\"/etc/turn fleet\" note=\"say \\\"hi\\\"\" pair=\"a=b\" empty=\"\" path=\"C:\\\\x\" plain=ok\n");
    }

    @Test
    void exceptionGoesOnTheSameLineWithCauseAndFrames() {
        LogRecord record = record(Level.WARNING, "io.turnfleet.relay.auth", "cannot read secret directory");
        record.setThrown(new UncheckedIOException("reading /etc/turnfleet/auth", new IOException("permission denied")));

        String line = formatter.format(record);

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).startsWith("2026-11-26T12:00:00.123Z WARN  relay.auth  cannot read secret directory error=\""
                + "java.io.UncheckedIOException: reading /etc/turnfleet/auth | at io.turnfleet.relay.log.TextLineFormatterTest.")
                .contains(" | Caused by: java.io.IOException: permission denied | ")
                .endsWith("\"\n");
    }

    @Test
    void nonLogFieldParametersAreNotRenderedAsFields() {
        LogRecord record = record(Level.INFO, "io.turnfleet.relay.net", "plain");
        record.setParameters(new Object[] {"unused", 42});

        assertThat(formatter.format(record)).endsWith("  plain\n");
    }

    static LogRecord record(Level level, String logger, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(Instant.parse("2026-11-26T12:00:00.123456Z"));
        return record;
    }
}
