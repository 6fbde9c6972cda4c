package io.turnfleet.relay.stun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A Binding request captured from a browser, from {@code src/test/resources/stun/browser-binding-requests.csv}
 * (pion/stun test data, see SOURCE.md there).
 */
record BrowserCapture(int line, String source, byte[] message, long crc64, String browser, String version,
                      String system) {
    private static final List<BrowserCapture> ALL = load();
    /** The ISO 3309 polynomial, bit-reversed, as Go's hash/crc64 uses it. */
    private static final long CRC64_ISO_REVERSED = 0xD800000000000000L;

    static List<BrowserCapture> all() {
        return ALL;
    }

    /** CRC-64/ISO of the message as Go's {@code crc64.Checksum(b, crc64.MakeTable(crc64.ISO))} computes it. */
    long computedCrc64() {
        long crc = ~0L;
        for (byte b : message) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ CRC64_ISO_REVERSED : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + browser + " " + version + " on " + system;
    }

    private static List<BrowserCapture> load() {
        try (InputStream in = BrowserCapture.class.getResourceAsStream("/stun/browser-binding-requests.csv")) {
            if (in == null) {
                throw new IllegalStateException("test resource /stun/browser-binding-requests.csv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<BrowserCapture> captures = new ArrayList<>();
            String header = reader.readLine();
            if (!"ip,message,crc,browser,version,system".equals(header)) {
                throw new IllegalStateException("unexpected CSV header: " + header);
            }
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 6) {
                    throw new IllegalStateException("line " + lineNumber + " has " + f.length + " fields (expected 6)");
                }
                captures.add(new BrowserCapture(lineNumber, f[0], Base64.getDecoder().decode(f[1]),
                        Long.parseUnsignedLong(f[2]), f[3], f[4], f[5]));
            }
            return List.copyOf(captures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
