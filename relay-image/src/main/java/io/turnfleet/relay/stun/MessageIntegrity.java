package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256, §14.6).
 * The HMAC covers the message up to the integrity attribute, with the header's length field set as
 * if the integrity attribute were the last one.
 */
public final class MessageIntegrity {
    public static final int SHA1_LENGTH = 20;
    public static final int SHA256_LENGTH = 32;

    private static final FastThreadLocal<Macs> MACS = new FastThreadLocal<>() {
        @Override
        protected Macs initialValue() throws GeneralSecurityException {
            return new Macs(new KeyedMac("HmacSHA1"), new KeyedMac("HmacSHA256"));
        }
    };

    /** One thread's HMACs and the array their digests land in. */
    private static final class Macs {
        final KeyedMac sha1;
        final KeyedMac sha256;
        final byte[] digest = new byte[SHA256_LENGTH];

        Macs(KeyedMac sha1, KeyedMac sha256) {
            this.sha1 = sha1;
            this.sha256 = sha256;
        }
    }

    /**
     * One thread's HMAC with the key it was last initialised with. The credential checker hands out
     * the same key array for a user each time, so a client's requests and their answers skip the
     * key schedule; another key re-initialises.
     */
    private static final class KeyedMac {
        private final Mac mac;
        private byte[] key;

        KeyedMac(String algorithm) throws GeneralSecurityException {
            this.mac = Mac.getInstance(algorithm);
        }

        Mac with(byte[] key) {
            if (this.key != key) {
                try {
                    mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
                } catch (java.security.InvalidKeyException e) {
                    throw new IllegalArgumentException("HMAC key rejected", e);
                }
                this.key = key;
            }
            return mac;
        }
    }

    private MessageIntegrity() {
    }

    /** Whether the message's MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 verifies with {@code key}. */
    public static boolean verify(StunMessage message, byte[] key) {
        int sha256 = message.integritySha256Index();
        int sha1 = message.integrityIndex();
        if (sha1 >= 0) {
            return verify(message, sha1, key, false);
        }
        return sha256 >= 0 && verify(message, sha256, key, true);
    }

    private static boolean verify(StunMessage message, int index, byte[] key, boolean sha256) {
        int length = message.valueLength(index);
        if (sha256 ? (length < 16 || length > SHA256_LENGTH || (length & 3) != 0) : length != SHA1_LENGTH) {
            return false;
        }
        Macs macs = MACS.get();
        byte[] expected = macs.digest;
        hmac(macs, message.buffer(), message.start(), message.attributeStart(index), length, key, sha256);
        // Constant time, like MessageDigest.isEqual: no early exit on the first differing byte.
        ByteBuf buf = message.buffer();
        int offset = message.valueOffset(index);
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= expected[i] ^ buf.getByte(offset + i);
        }
        return difference == 0;
    }

    /**
     * Appends MESSAGE-INTEGRITY (or MESSAGE-INTEGRITY-SHA256) to the message being written in
     * {@code out} from {@code messageStart}, fixing the header length.
     */
    public static void append(ByteBuf out, int messageStart, byte[] key, boolean sha256) {
        int attributeStart = out.writerIndex();
        int valueLength = sha256 ? SHA256_LENGTH : SHA1_LENGTH;
        Macs macs = MACS.get();
        hmac(macs, out, messageStart, attributeStart, valueLength, key, sha256);
        out.writeShort(sha256 ? AttributeType.MESSAGE_INTEGRITY_SHA256 : AttributeType.MESSAGE_INTEGRITY);
        out.writeShort(valueLength);
        out.writeBytes(macs.digest, 0, valueLength);
        out.setShort(messageStart + 2, out.writerIndex() - messageStart - StunMessage.HEADER_LENGTH);
    }

    /** The HMAC of the message up to the integrity attribute, into {@code macs.digest}. */
    private static void hmac(Macs macs, ByteBuf buf, int messageStart, int attributeStart, int valueLength,
                             byte[] key, boolean sha256) {
        Mac mac = (sha256 ? macs.sha256 : macs.sha1).with(key);
        MessageBytes covered = MessageBytes.covered(buf, messageStart, attributeStart, 4 + valueLength);
        mac.update(covered.array, 0, covered.length);
        try {
            mac.doFinal(macs.digest, 0);
        } catch (ShortBufferException digestHoldsSha256) {
            throw new IllegalStateException(digestHoldsSha256);
        }
    }
}
