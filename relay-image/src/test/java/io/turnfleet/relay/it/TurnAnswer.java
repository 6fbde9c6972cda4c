package io.turnfleet.relay.it;

import io.netty.buffer.Unpooled;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.Fingerprint;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.MessageIntegrity;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A response the relay sent, read with the relay's own parser over a heap copy of the datagram
 * (nothing to release). Accessors fail the test with a message when an attribute is missing.
 */
public final class TurnAnswer {
    private final byte[] bytes;
    private final byte[] request;
    private final StunMessage message;

    TurnAnswer(byte[] bytes, byte[] request) {
        this.bytes = bytes;
        this.request = request;
        try {
            this.message = StunMessage.parse(Unpooled.wrappedBuffer(bytes));
        } catch (StunParseException e) {
            throw new AssertionError("relay sent an unparseable answer: " + e.getMessage(), e);
        }
    }

    /** The answer exactly as it arrived. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The request this answers, exactly as it was sent (for retransmitting it). */
    public byte[] request() {
        return request.clone();
    }

    public StunMessage message() {
        return message;
    }

    public boolean isSuccess() {
        return message.messageClass() == MessageClass.SUCCESS_RESPONSE;
    }

    /** The ERROR-CODE number, or 0 for a success response. */
    public int code() {
        if (isSuccess()) {
            return 0;
        }
        int index = require(AttributeType.ERROR_CODE);
        int offset = message.valueOffset(index);
        return (message.buffer().getByte(offset + 2) & 0x07) * 100 + (message.buffer().getByte(offset + 3) & 0xFF);
    }

    /** The ERROR-CODE reason phrase. */
    public String reason() {
        int index = require(AttributeType.ERROR_CODE);
        return message.buffer().toString(message.valueOffset(index) + 4, message.valueLength(index) - 4,
                StandardCharsets.UTF_8);
    }

    public boolean has(int attributeType) {
        return message.has(attributeType);
    }

    public String text(int attributeType) {
        return message.text(require(attributeType));
    }

    public long unsignedInt(int attributeType) {
        try {
            return message.unsignedInt(require(attributeType));
        } catch (StunParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public long longValue(int attributeType) {
        try {
            return message.longValue(require(attributeType));
        } catch (StunParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public InetSocketAddress xorAddress(int attributeType) {
        try {
            return message.xorAddress(require(attributeType));
        } catch (StunParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Every attribute of this type in order (a dual-stack Allocate answer has two XOR-RELAYED-ADDRESS). */
    public List<InetSocketAddress> xorAddresses(int attributeType) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < message.attributeCount(); i++) {
            if (message.attributeType(i) == attributeType) {
                try {
                    addresses.add(message.xorAddress(i));
                } catch (StunParseException e) {
                    throw new AssertionError(e.getMessage(), e);
                }
            }
        }
        return addresses;
    }

    public InetSocketAddress plainAddress(int attributeType) {
        try {
            return message.plainAddress(require(attributeType));
        } catch (StunParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The attribute types listed in UNKNOWN-ATTRIBUTES. */
    public List<Integer> unknownAttributes() {
        int index = require(AttributeType.UNKNOWN_ATTRIBUTES);
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < message.valueLength(index); i += 2) {
            types.add(message.buffer().getUnsignedShort(message.valueOffset(index) + i));
        }
        return types;
    }

    /** ADDRESS-ERROR-CODE (RFC 8656 §14.8): the family byte and the error number. */
    public int[] addressErrorCode() {
        int index = require(AttributeType.ADDRESS_ERROR_CODE);
        int offset = message.valueOffset(index);
        return new int[] {message.buffer().getUnsignedByte(offset),
                (message.buffer().getByte(offset + 2) & 0x07) * 100 + (message.buffer().getByte(offset + 3) & 0xFF)};
    }

    public boolean verifiesWith(byte[] key) {
        return MessageIntegrity.verify(message, key);
    }

    public boolean hasValidFingerprint() {
        return message.fingerprintIndex() >= 0 && Fingerprint.verify(message);
    }

    private int require(int attributeType) {
        int index = message.find(attributeType);
        if (index < 0) {
            throw new AssertionError(String.format("answer has no attribute 0x%04x: %s", attributeType, this));
        }
        return index;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(message.toString()).append(" [");
        for (int i = 0; i < message.attributeCount(); i++) {
            text.append(i == 0 ? "" : ", ").append(String.format("0x%04x", message.attributeType(i)));
        }
        text.append(']');
        if (!isSuccess() && message.has(AttributeType.ERROR_CODE)) {
            text.append(' ').append(code()).append(' ').append(reason());
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TurnAnswer answer && Arrays.equals(bytes, answer.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
