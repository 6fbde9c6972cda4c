package io.turnfleet.relay.auth;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class LongTermKeyTest {

    /**
     * RFC 5769 §2.4, "Sample Request with Long-Term Authentication": username "マトリックス", realm
     * "example.org", password "TheMatrIX" (already SASLprep'ed). Its MESSAGE-INTEGRITY verifies only
     * with the right key.
     */
    private static final String RFC5769_LONG_TERM_REQUEST = "000100602112a44278ad3433c6ad72c029da412e"
            + "00060012e3839ee38388e383aae38383e382afe382b90000"
            + "0015001c662f2f3439396b39353464364f4c33346f4c394653547679363473410014000b6578616d706c652e6f726700"
            + "00080014f67024656dd64a3e02b8e0712e85c9a28ca89666";

    @Test
    void keyOfRfc5769LongTermVectorVerifiesItsMessageIntegrity() throws Exception {
        byte[] message = HexFormat.of().parseHex(RFC5769_LONG_TERM_REQUEST);
        byte[] signed = Arrays.copyOf(message, message.length - 24);
        byte[] expected = Arrays.copyOfRange(message, message.length - 20, message.length);

        byte[] key = LongTermKey.derive("マトリックス", "example.org", "TheMatrIX");

        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(key, "HmacSHA1"));
        assertThat(hmac.doFinal(signed)).isEqualTo(expected);
    }

    @Test
    void keyIsMd5OfUsernameRealmAndPassword() {
        // md5("alice:turnfleet:wonderland"), computed with md5sum
        assertThat(HexFormat.of().formatHex(LongTermKey.derive("alice", "turnfleet", "wonderland")))
                .isEqualTo("3e87faf88f6c0b8db199e57589116439");
        assertThat(LongTermKey.derive("alice", "turnfleet", "wonderland")).hasSize(LongTermKey.LENGTH);
    }
}
