package io.turnfleet.relay.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogSetupTest {

    private final Logger relayLogger = LoggerFactory.getLogger("io.turnfleet.relay.turn");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void restoreTestLogging() throws JoranException {
        MDC.clear();
        LoggedAddress.hide(false);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void textSetupWritesOneLinePerEventAtOrAboveTheLevel() {
        configure(LogFormat.TEXT, LogLevel.INFO);

        relayLogger.info("allocation created");
        relayLogger.debug("not shown at info");
        relayLogger.warn("quota reached");

        String[] lines = written().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  io\\.turnfleet\\.relay\\.turn  allocation created");
        assertThat(lines[1]).endsWith(" WARN  io.turnfleet.relay.turn  quota reached");
    }

    @Test
    void textLinesCarryKeyValuePairsAndMdcAndEscapeLineBreaks() {
        configure(LogFormat.TEXT, LogLevel.DEBUG);
        MDC.put("listener", "udp");

        relayLogger.atDebug().addKeyValue("client", LoggedAddress.of(new InetSocketAddress("203.0.113.7", 50000)))
                .addKeyValue("lifetime", 600).log("user \"mallory\nINFO forged line\" refused");

        assertThat(written()).endsWith(" DEBUG io.turnfleet.relay.turn  user \"mallory\\nINFO forged line\" refused "
                + "client=\"203.0.113.7:50000\" lifetime=\"600\" listener=udp\n");
    }

    @Test
    void debugLevelAppliesToTheRelayNotToLibraries() {
        configure(LogFormat.TEXT, LogLevel.DEBUG);

        relayLogger.debug("permission installed");
        LoggerFactory.getLogger("io.netty.channel.nio.NioEventLoop").debug("selector internals");

        assertThat(written()).contains(" DEBUG io.turnfleet.relay.turn  permission installed")
                .doesNotContain("selector internals");
    }

    @Test
    void jsonSetupWritesOneObjectPerLineWithTheEventsParts() throws Exception {
        configure(LogFormat.JSON, LogLevel.INFO);
        MDC.put("listener", "udp");

        relayLogger.atInfo().addKeyValue("lifetime", 600).log("allocation {} created", "7");

        String line = written();
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = json.readTree(line);
        assertThat(node.get("timestamp").asLong()).isPositive();
        assertThat(node.get("level").asText()).isEqualTo("INFO");
        assertThat(node.get("loggerName").asText()).isEqualTo("io.turnfleet.relay.turn");
        assertThat(node.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(node.get("formattedMessage").asText()).isEqualTo("allocation 7 created");
        assertThat(node.at("/mdc/listener").asText()).isEqualTo("udp");
        assertThat(node.at("/kvpList/0/lifetime").asText()).isEqualTo("600");
        assertThat(node.has("arguments")).as("raw arguments are not repeated").isFalse();
        assertThat(node.has("context")).isFalse();
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() throws Exception {
        configure(LogFormat.JSON, LogLevel.INFO);
        String message = "say \"hi\" \\ path\nnext line\r\ttab \u0001 bell \u00e9\u4e2d";

        relayLogger.info(message);

        String line = written();
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(json.readTree(line).get("formattedMessage").asText()).isEqualTo(message);
    }

    @Test
    void jsonExceptionStaysInsideTheLine() throws Exception {
        configure(LogFormat.JSON, LogLevel.INFO);

        relayLogger.error("listener failed",
                new IllegalStateException("socket \"closed\"\nunexpectedly", new RuntimeException("root")));

        String line = written();
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = json.readTree(line);
        assertThat(node.get("level").asText()).isEqualTo("ERROR");
        assertThat(node.at("/throwable/className").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(node.at("/throwable/message").asText()).isEqualTo("socket \"closed\"\nunexpectedly");
        assertThat(node.at("/throwable/cause/message").asText()).isEqualTo("root");
    }

    @Test
    void hiddenAddressesAreMaskedInTheLine() {
        configure(LogFormat.TEXT, LogLevel.INFO);
        LoggedAddress.hide(true);

        relayLogger.atInfo().addKeyValue("client", LoggedAddress.of(new InetSocketAddress("203.0.113.7", 50000)))
                .log("allocation created");

        assertThat(written()).contains("client=\"xx.xx.xx.xx:50000\"").doesNotContain("203.0.113.7");
    }

    @Test
    void nettyLogsGoThroughTheSameAppender() {
        configure(LogFormat.TEXT, LogLevel.INFO);
        InternalLogger netty = InternalLoggerFactory.getInstance("io.netty.channel.TestChannel");

        netty.warn("event loop {} is slow", 3);

        assertThat(written()).endsWith(" WARN  io.netty.channel.TestChannel  event loop 3 is slow\n");
    }

    @Test
    void configuringAgainReplacesTheAppenderInsteadOfAddingOne() {
        configure(LogFormat.TEXT, LogLevel.INFO);
        configure(LogFormat.TEXT, LogLevel.INFO);

        relayLogger.info("once");

        assertThat(written().split("\n")).hasSize(1);
    }

    private void configure(LogFormat format, LogLevel level) {
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setOutputStream(out);
        LogSetup.configure(format, level, appender);
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
