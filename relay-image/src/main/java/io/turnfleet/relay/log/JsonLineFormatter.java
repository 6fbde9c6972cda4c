package io.turnfleet.relay.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code {"time":...,"level":...,"logger":...,"message":...,"thread":...,
 * <fields>...,"error":...}}. Jackson does the escaping, so control characters and line breaks in any
 * value stay inside the line; {@code error} (only present with an exception) is the whole stack trace
 * on one line.
 */
final class JsonLineFormatter extends Formatter {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(LogRecord record) {
        LogEntry entry = LogEntry.of(record, formatMessage(record));
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", entry.time());
            json.writeStringField("level", entry.level());
            json.writeStringField("logger", entry.logger());
            json.writeStringField("message", entry.message());
            json.writeStringField("thread", entry.thread());
            for (LogField field : entry.fields()) {
                writeField(json, field);
            }
            if (entry.error() != null) {
                json.writeStringField("error", entry.error());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a log record as JSON", e);
        }
        return line.append('\n').toString();
    }

    private static void writeField(JsonGenerator json, LogField field) throws IOException {
        Object value = field.value();
        json.writeFieldName(field.key());
        if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            writeFloatingPoint(json, ((Number) value).doubleValue());
        } else {
            json.writeString(String.valueOf(value));
        }
    }

    /** NaN and infinities are not JSON numbers: they go out as strings. */
    private static void writeFloatingPoint(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }
}
