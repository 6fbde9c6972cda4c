package io.turnfleet.relay.stun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One test vector of RFC 5769, from {@code src/test/resources/stun/rfc5769.json} (see SOURCE.md there). */
record Rfc5769Vector(String name, String section, byte[] bytes, JsonNode credentials, JsonNode expect) {
    static final String SAMPLE_REQUEST = "sample-request";
    static final String SAMPLE_IPV4_RESPONSE = "sample-ipv4-response";
    static final String SAMPLE_IPV6_RESPONSE = "sample-ipv6-response";
    static final String SAMPLE_REQUEST_LONG_TERM = "sample-request-long-term";

    private static final List<Rfc5769Vector> ALL = load();

    static List<Rfc5769Vector> all() {
        return ALL;
    }

    static Rfc5769Vector named(String name) {
        return ALL.stream().filter(v -> v.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RFC 5769 vector named " + name));
    }

    /** A field of the vector's "expect" object, or null when the vector states none. */
    String expected(String field) {
        JsonNode value = expect.get(field);
        return value == null ? null : value.asText();
    }

    int expectedClass() {
        return switch (expected("class")) {
            case "request" -> MessageClass.REQUEST;
            case "indication" -> MessageClass.INDICATION;
            case "success-response" -> MessageClass.SUCCESS_RESPONSE;
            case "error-response" -> MessageClass.ERROR_RESPONSE;
            default -> throw new IllegalArgumentException("vector " + name + " has unknown class " + expected("class"));
        };
    }

    int expectedMethod() {
        if (!"binding".equals(expected("method"))) {
            throw new IllegalArgumentException("vector " + name + " has unknown method " + expected("method"));
        }
        return Method.BINDING;
    }

    boolean isLongTerm() {
        return "long-term".equals(credentials.get("type").asText());
    }

    /**
     * The MESSAGE-INTEGRITY key: the password for short-term credentials (RFC 8489 §9.1.1),
     * MD5(username ":" realm ":" password) for long-term ones (§9.2.2), with username and password
     * as the vector states them after SASLprep (RFC 5769 §2.4).
     */
    byte[] integrityKey() {
        return isLongTerm()
                ? longTermKey(credentials.get("username").asText(), credentials.get("realm").asText(),
                        credentials.get("password").asText())
                : credentials.get("password").asText().getBytes(StandardCharsets.UTF_8);
    }

    /** A key that must not verify: the right one derived from a changed password. */
    byte[] wrongIntegrityKey() {
        String wrongPassword = credentials.get("password").asText() + "x";
        return isLongTerm()
                ? longTermKey(credentials.get("username").asText(), credentials.get("realm").asText(), wrongPassword)
                : wrongPassword.getBytes(StandardCharsets.UTF_8);
    }

    long transactionHigh() {
        return Long.parseUnsignedLong(expected("transactionId").substring(0, 16), 16);
    }

    int transactionLow() {
        return Integer.parseUnsignedInt(expected("transactionId").substring(16), 16);
    }

    static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + section + ")";
    }

    private static List<Rfc5769Vector> load() {
        try (InputStream in = Rfc5769Vector.class.getResourceAsStream("/stun/rfc5769.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource /stun/rfc5769.json is missing");
            }
            List<Rfc5769Vector> vectors = new ArrayList<>();
            for (JsonNode node : new ObjectMapper().readTree(in).get("vectors")) {
                vectors.add(new Rfc5769Vector(node.get("name").asText(), node.get("section").asText(),
                        HexFormat.of().parseHex(node.get("hex").asText()), node.get("credentials"),
                        node.get("expect")));
            }
            return List.copyOf(vectors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
