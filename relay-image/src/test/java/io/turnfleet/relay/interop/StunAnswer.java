package io.turnfleet.relay.interop;

import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.Response;

import java.net.InetSocketAddress;

/** A response as ice4j decoded it, with the bytes it came in (for checking MESSAGE-INTEGRITY). */
record StunAnswer(Response response, byte[] bytes) {

    boolean isSuccess() {
        return Message.isSuccessResponseType(response.getMessageType());
    }

    /** The ERROR-CODE number (e.g. 401), or 0 for a success response. */
    int errorCode() {
        ErrorCodeAttribute error = (ErrorCodeAttribute) response.getAttribute(Attribute.ERROR_CODE);
        return error == null ? 0 : error.getErrorCode();
    }

    long lifetimeSeconds() {
        LifetimeAttribute lifetime = (LifetimeAttribute) response.getAttribute(Attribute.LIFETIME);
        if (lifetime == null) {
            throw new AssertionError("no LIFETIME in " + this);
        }
        return Integer.toUnsignedLong(lifetime.getLifetime());
    }

    /** An XOR-*-ADDRESS attribute (XOR-RELAYED-ADDRESS, XOR-MAPPED-ADDRESS), un-XORed by ice4j. */
    InetSocketAddress xorAddress(char type) {
        XorMappedAddressAttribute attribute = (XorMappedAddressAttribute) response.getAttribute(type);
        if (attribute == null) {
            throw new AssertionError("no attribute 0x" + Integer.toHexString(type) + " in " + this);
        }
        return attribute.getAddress(response.getTransactionID());
    }

    @Override
    public String toString() {
        ErrorCodeAttribute error = (ErrorCodeAttribute) response.getAttribute(Attribute.ERROR_CODE);
        StringBuilder text = new StringBuilder(response.getName());
        if (error != null) {
            text.append(' ').append((int) error.getErrorCode()).append(" \"").append(error.getReasonPhrase()).append('"');
        }
        for (Attribute attribute : response.getAttributes()) {
            text.append(' ').append(attribute.getName());
        }
        return text.toString();
    }
}
