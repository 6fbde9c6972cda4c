package io.turnfleet.relay.log;

import static io.turnfleet.relay.log.LogField.field;
import static io.turnfleet.relay.log.TextLineFormatterTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLineFormatterTest {

    private final JsonLineFormatter formatter = new JsonLineFormatter();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void lineIsOneObjectWithTheCommonPropertiesInOrder() throws IOException {
        String line = formatter.format(record(Level.INFO, "io.turnfleet.relay.turn", "allocation created"));

        assertThat(line).endsWith("}\n");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = json.readTree(line);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("time", "level", "logger", "message", "thread");
        assertThat(node.get("time").asText()).isEqualTo("2026-11-26T12:00:00.123Z");
        assertThat(node.get("level").asText()).isEqualTo("INFO");
        assertThat(node.get("logger").asText()).isEqualTo("relay.turn");
        assertThat(node.get("message").asText()).isEqualTo("allocation created");
        assertThat(node.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void fieldsBecomePropertiesKeepingNumbersAndBooleans() throws IOException {
        LogRecord record = record(Level.INFO, "io.turnfleet.relay.turn", "allocation created");
        record.setParameters(new Object[] {
            field("client", "203.0.113.7:50000"), field("lifetime", 600), field("bytes", 12_000_000_000L),
            field("ratio", 0.25), field("dualStack", true), field("bad", Double.NaN), field("none", null)});

        JsonNode node = json.readTree(formatter.format(record));

        assertThat(node.get("client").asText()).isEqualTo("203.0.113.7:50000");
        assertThat(node.get("lifetime").isIntegralNumber()).isTrue();
        assertThat(node.get("lifetime").asInt()).isEqualTo(600);
        assertThat(node.get("bytes").asLong()).isEqualTo(12_000_000_000L);
        assertThat(node.get("ratio").doubleValue()).isEqualTo(0.25);
        assertThat(node.get("dualStack").isBoolean()).isTrue();
        assertThat(node.get("bad").asText()).isEqualTo("NaN");
        assertThat(node.get("none").asText()).isEqualTo("null");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() throws IOException {
        String message = "say \"hi\" \\ path\nnext line\r\ttab \u0001 bell \u00e9\u4e2d";

        String line = formatter.format(record(Level.INFO, "io.turnfleet.relay.net", message));

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).contains("\\\"hi\\\"", "\\\\ path", "\\nnext", "\\r\\ttab", "\\u0001");
        assertThat(json.readTree(line).get("message").asText()).isEqualTo(message);
    }

    @Test
    void exceptionIsClassMessageAndStackOnOneLine() throws IOException {
        LogRecord record = record(Level.SEVERE, "io.turnfleet.relay.net", "listener failed");
        record.setThrown(new IllegalStateException("socket \"closed\"\nunexpectedly", new RuntimeException("root")));

        String line = formatter.format(record);

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = json.readTree(line);
        assertThat(node.get("level").asText()).isEqualTo("ERROR");
        assertThat(node.get("error").asText())
                .startsWith("java.lang.IllegalStateException: socket \"closed\" | unexpectedly | at io.turnfleet.relay.log.JsonLineFormatterTest.")
                .contains(" | Caused by: java.lang.RuntimeException: root | ")
                .doesNotContain("\n", "\t");
    }

    @Test
    void recordFromAnotherThreadNamesItsThreadId() throws Exception {
        AtomicReference<LogRecord> made = new AtomicReference<>();
        Thread other = new Thread(() -> made.set(record(Level.INFO, "io.turnfleet.relay.net", "x")));
        other.start();
        other.join();

        JsonNode node = json.readTree(formatter.format(made.get()));

        assertThat(node.get("thread").asText()).isEqualTo("thread-" + other.getId());
    }
}
