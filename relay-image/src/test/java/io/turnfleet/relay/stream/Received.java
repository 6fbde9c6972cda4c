package io.turnfleet.relay.stream;

import io.netty.buffer.Unpooled;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** One message a test client received from the relay: a STUN message or ChannelData. */
final class Received {
    private final byte[] bytes;
    private final StunMessage stun;

    Received(byte[] bytes) {
        this.bytes = bytes;
        if (isChannelData()) {
            this.stun = null;
        } else {
            try {
                this.stun = StunMessage.parse(Unpooled.wrappedBuffer(bytes));
            } catch (StunParseException e) {
                throw new AssertionError("the relay sent an unparseable STUN message: " + e.getMessage(), e);
            }
        }
    }

    boolean isChannelData() {
        return (bytes[0] & 0xC0) == 0x40;
    }

    int channelNumber() {
        requireChannelData();
        return ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    }

    /** The application data of ChannelData, without padding. */
    byte[] channelPayload() {
        requireChannelData();
        int length = ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        return Arrays.copyOfRange(bytes, 4, 4 + length);
    }

    /** Every byte as received, padding included. */
    byte[] bytes() {
        return bytes.clone();
    }

    StunMessage stun() {
        if (stun == null) {
            throw new AssertionError("expected a STUN message, got ChannelData on channel " + channelNumber());
        }
        return stun;
    }

    int method() {
        return stun().method();
    }

    int messageClass() {
        return stun().messageClass();
    }

    boolean isSuccess() {
        return messageClass() == MessageClass.SUCCESS_RESPONSE;
    }

    /** The ERROR-CODE of an error response, 0 for any other message. */
    int errorCode() {
        int index = stun().find(AttributeType.ERROR_CODE);
        if (index < 0) {
            return 0;
        }
        int offset = stun().valueOffset(index);
        return (bytes[offset + 2] & 0x07) * 100 + (bytes[offset + 3] & 0xFF);
    }

    boolean has(int attributeType) {
        return stun().find(attributeType) >= 0;
    }

    InetSocketAddress xorAddress(int attributeType) {
        try {
            return stun().xorAddress(require(attributeType));
        } catch (StunParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    long unsignedInt(int attributeType) {
        try {
            return stun().unsignedInt(require(attributeType));
        } catch (StunParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    String text(int attributeType) {
        return stun().text(require(attributeType));
    }

    byte[] value(int attributeType) {
        int index = require(attributeType);
        int offset = stun().valueOffset(index);
        return Arrays.copyOfRange(bytes, offset, offset + stun().valueLength(index));
    }

    byte[] transactionId() {
        return Arrays.copyOfRange(bytes, 8, 20);
    }

    private int require(int attributeType) {
        int index = stun().find(attributeType);
        if (index < 0) {
            throw new AssertionError(String.format("attribute 0x%04x missing in %s", attributeType, stun()));
        }
        return index;
    }

    private void requireChannelData() {
        if (!isChannelData()) {
            throw new AssertionError("expected ChannelData, got " + stun);
        }
    }

    @Override
    public String toString() {
        return isChannelData() ? "ChannelData on 0x" + Integer.toHexString(channelNumber()) : String.valueOf(stun)
                + (errorCode() != 0 ? " error " + errorCode() : "");
    }
}
