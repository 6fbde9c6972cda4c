package io.turnfleet.relay.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    /** Held so the logger (and its level) is not collected during the test. */
    private final Logger relayLogger = Logger.getLogger("io.turnfleet.relay.turn");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restoreJvmLoggingDefaults() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void textSetupWritesOneLinePerRecordAtOrAboveTheLevel() {
        LogSetup.configure(LogFormat.TEXT, Level.INFO, out);

        relayLogger.info("allocation created");
        relayLogger.fine("not shown at info");
        relayLogger.warning("quota reached");

        String[] lines = written().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  relay\\.turn  allocation created");
        assertThat(lines[1]).endsWith(" WARN  relay.turn  quota reached");
    }

    @Test
    void debugLevelShowsFineRecords() {
        LogSetup.configure(LogFormat.TEXT, Level.FINE, out);

        relayLogger.fine("permission installed");

        assertThat(written()).contains(" DEBUG relay.turn  permission installed");
    }

    @Test
    void jsonSetupWritesJsonLines() throws IOException {
        LogSetup.configure(LogFormat.JSON, Level.INFO, out);

        relayLogger.info("allocation created");

        JsonNode line = new ObjectMapper().readTree(written());
        assertThat(line.get("message").asText()).isEqualTo("allocation created");
        assertThat(line.get("logger").asText()).isEqualTo("relay.turn");
    }

    @Test
    void nettyLogsGoThroughTheSameHandler() {
        LogSetup.configure(LogFormat.TEXT, Level.INFO, out);
        InternalLogger netty = InternalLoggerFactory.getInstance("io.netty.channel.TestChannel");

        netty.warn("event loop {} is slow", 3);

        assertThat(written()).endsWith(" WARN  io.netty.channel.TestChannel  event loop 3 is slow\n");
    }

    @Test
    void configuringAgainReplacesTheHandlerInsteadOfAddingOne() {
        LogSetup.configure(LogFormat.TEXT, Level.INFO, new ByteArrayOutputStream());
        LogSetup.configure(LogFormat.TEXT, Level.INFO, out);

        relayLogger.info("once");

        assertThat(Logger.getLogger("").getHandlers()).hasSize(1);
        assertThat(written().split("\n")).hasSize(1);
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
