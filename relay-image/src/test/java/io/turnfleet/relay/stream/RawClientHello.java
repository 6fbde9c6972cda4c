package io.turnfleet.relay.stream;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TLS ClientHello written byte by byte (RFC 5246 §7.4.1.2), so a test can offer a protocol version
 * the JDK's own client refuses to send, such as TLS 1.1.
 */
final class RawClientHello {
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;
    static final int HANDSHAKE = 0x16;
    static final int ALERT = 0x15;
    static final int SERVER_HELLO = 0x02;
    static final int PROTOCOL_VERSION_ALERT = 70;

    private RawClientHello() {
    }

    /**
     * A ClientHello offering {@code version} at most, with ECDHE suites for the test's P-256 key that
     * exist in both TLS 1.1 (CBC) and TLS 1.2 (GCM).
     */
    static byte[] offering(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeShort(body, version);
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        int[] suites = {0xC02B, 0xC02F, 0xC009, 0xC013};
        writeShort(body, suites.length * 2);
        for (int suite : suites) {
            writeShort(body, suite);
        }
        body.write(1);
        body.write(0); // null compression
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extension(extensions, 0x000A, new byte[] {0, 2, 0, 0x17}); // supported_groups: secp256r1
        extension(extensions, 0x000B, new byte[] {1, 0}); // ec_point_formats: uncompressed
        if (version >= TLS_1_2) {
            extension(extensions, 0x000D, new byte[] {0, 4, 0x04, 0x03, 0x08, 0x04}); // signature_algorithms
        }
        writeShort(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // client_hello
        writeLength24(handshake, body.size());
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        writeShort(record, 0x0301); // record layer version, as clients send it
        writeShort(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] value) {
        writeShort(out, type);
        writeShort(out, value.length);
        out.writeBytes(value);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeLength24(ByteArrayOutputStream out, int value) {
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
