package io.turnfleet.relay.it;

import io.turnfleet.relay.stun.AttributeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers to unauthenticated requests stay within 3x the request's size (design.md, safety
 * defaults), measured on the wire over real UDP sockets, with the default SOFTWARE configured.
 */
@ExtendWith(NettyLeakCheck.class)
class ChallengeSizeIT {
    /** The longest realm --realm accepts. */
    private static final String LONGEST_REALM = "relay.eu-central-1.example.org.x";

    private final OpenedResources opened = new OpenedResources();

    @AfterEach
    void closeEverythingOpened() throws Exception {
        opened.closeAll();
    }

    private TurnTestClient client(String... flags) {
        RelayUnderTest relay = opened.open(RelayUnderTest.start(flags));
        return opened.open(relay.client());
    }

    @Test
    void a28ByteAllocateWithoutCredentialsGetsAChallengeOfAtMostThreeTimesItsSize() {
        TurnTestClient client = client();

        TurnAnswer answer = client.send(TurnRequest.allocate());

        int request = answer.request().length;
        int challenge = answer.bytes().length;
        System.out.printf("401 amplification: %d-byte answer to a %d-byte Allocate = %.2fx (realm %s)%n",
                challenge, request, (double) challenge / request, RelayUnderTest.REALM);
        assertThat(request).isEqualTo(28);
        assertThat(answer.code()).isEqualTo(401);
        assertThat(challenge).isLessThanOrEqualTo(3 * request);
        assertThat(answer.has(AttributeType.SOFTWARE)).as("no SOFTWARE before authentication").isFalse();
        assertThat(answer.text(AttributeType.REALM)).isEqualTo(RelayUnderTest.REALM);
        assertThat(answer.text(AttributeType.NONCE)).hasSize(16);
    }

    @Test
    void theLongestRealmStillFitsByLeavingOutTheReasonPhraseAndTheClientCanAuthenticate() {
        assertThat(LONGEST_REALM).hasSize(32);
        TurnTestClient client = client("--realm", LONGEST_REALM);

        TurnAnswer answer = client.send(TurnRequest.allocate());

        System.out.printf("401 amplification with a 32-byte realm: %d / %d = %.2fx%n", answer.bytes().length,
                answer.request().length, (double) answer.bytes().length / answer.request().length);
        assertThat(answer.code()).isEqualTo(401);
        assertThat(answer.bytes().length).isLessThanOrEqualTo(3 * answer.request().length);
        assertThat(answer.reason()).isEmpty();
        assertThat(client.allocate()).as("the challenge is usable").isNotNull();
    }

    @Test
    void bindingIsAnsweredWithinThreeTimesItsSizeWithoutSoftware() {
        TurnTestClient client = client();

        TurnAnswer answer = client.send(TurnRequest.binding());

        assertThat(answer.isSuccess()).isTrue();
        assertThat(answer.bytes().length).isLessThanOrEqualTo(3 * answer.request().length);
        assertThat(answer.has(AttributeType.SOFTWARE)).isFalse();
    }

    @Test
    void anAuthenticatedAnswerStillNamesTheSoftware() {
        TurnTestClient client = client();

        TurnAnswer answer = client.request(TurnRequest.allocate());

        assertThat(answer.isSuccess()).as("%s", answer).isTrue();
        assertThat(answer.text(AttributeType.SOFTWARE)).isEqualTo("TurnFleet");
    }
}
