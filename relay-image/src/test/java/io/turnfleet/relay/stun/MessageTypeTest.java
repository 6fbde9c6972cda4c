package io.turnfleet.relay.stun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The interleaving of method and class bits in the 14-bit message type (RFC 8489 §5, figure 3). */
class MessageTypeTest {
    private static final int[] CLASSES = {MessageClass.REQUEST, MessageClass.INDICATION,
            MessageClass.SUCCESS_RESPONSE, MessageClass.ERROR_RESPONSE};

    @Test
    void everyTwelveBitMethodWithEveryClassRoundTripsToADistinctFourteenBitType() {
        Set<Integer> seen = new HashSet<>();
        for (int method = 0; method <= 0xFFF; method++) {
            for (int messageClass : CLASSES) {
                int type = MessageType.of(method, messageClass);

                assertThat(type & ~0x3FFF).as("first two bits of method 0x%03x class %d", method, messageClass).isZero();
                assertThat(MessageType.method(type)).isEqualTo(method);
                assertThat(MessageType.messageClass(type)).isEqualTo(messageClass);
                assertThat(seen.add(type)).as("type 0x%04x is unique", type).isTrue();
            }
        }
        assertThat(seen).hasSize(0x4000);
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "BINDING, REQUEST, 0x0001",
        "BINDING, INDICATION, 0x0011",
        "BINDING, SUCCESS_RESPONSE, 0x0101",
        "BINDING, ERROR_RESPONSE, 0x0111",
        "ALLOCATE, REQUEST, 0x0003",
        "ALLOCATE, SUCCESS_RESPONSE, 0x0103",
        "ALLOCATE, ERROR_RESPONSE, 0x0113",
        "REFRESH, REQUEST, 0x0004",
        "REFRESH, SUCCESS_RESPONSE, 0x0104",
        "SEND, INDICATION, 0x0016",
        "DATA, INDICATION, 0x0017",
        "CREATE_PERMISSION, REQUEST, 0x0008",
        "CREATE_PERMISSION, ERROR_RESPONSE, 0x0118",
        "CHANNEL_BIND, REQUEST, 0x0009",
        "CHANNEL_BIND, SUCCESS_RESPONSE, 0x0109",
        "CONNECT, REQUEST, 0x000A",
        "CONNECTION_BIND, REQUEST, 0x000B",
        "CONNECTION_ATTEMPT, INDICATION, 0x001C",
    })
    void knownMethodsHaveTheirWireValues(String method, String messageClass, String type) throws Exception {
        int methodNumber = Method.class.getField(method).getInt(null);
        int classNumber = MessageClass.class.getField(messageClass).getInt(null);
        int wire = Integer.decode(type);

        assertThat(MessageType.of(methodNumber, classNumber)).isEqualTo(wire);
        assertThat(MessageType.method(wire)).isEqualTo(methodNumber);
        assertThat(MessageType.messageClass(wire)).isEqualTo(classNumber);
    }

    @Test
    void methodNamesAreReadableAndUnknownOnesShowTheirNumber() {
        assertThat(Method.name(Method.CREATE_PERMISSION)).isEqualTo("CreatePermission");
        assertThat(Method.name(Method.CONNECTION_ATTEMPT)).isEqualTo("ConnectionAttempt");
        assertThat(Method.name(0x0ab)).isEqualTo("0x0ab");
    }
}
