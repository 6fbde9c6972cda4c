package io.turnfleet.bench.turn;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.Fingerprint;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.MessageIntegrity;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAllocationTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5555);
    private static final long MS = 1_000_000L;

    private final Credentials credentials = Credentials.staticUser("bench:secret");
    private final FakeTurnServer server = new FakeTurnServer(credentials, "nonce-1");
    private final RecordingLink link = new RecordingLink();
    private final List<String> outcomes = new ArrayList<>();
    private ClientAllocation allocation;

    @BeforeEach
    void setUp() {
        allocation = new ClientAllocation(3, 0x4003, PEER, credentials,
                (a, operation, failure) -> outcomes.add(operation + ":" + (failure == null ? "ok" : failure)));
        allocation.attach(link);
    }

    @Test
    void allocateAnswersTheChallengeWithAnAuthenticatedRequestAndLearnsTheRelayedAddress() throws Exception {
        allocation.begin(Operation.ALLOCATE, 0);
        StunMessage first = FakeTurnServer.parse(link.last());
        assertThat(first.method()).isEqualTo(Method.ALLOCATE);
        assertThat(first.has(AttributeType.USERNAME)).isFalse();
        assertThat(first.firstByte(first.find(AttributeType.REQUESTED_TRANSPORT))).isEqualTo(17);
        assertThat(Fingerprint.verify(first)).isTrue();

        allocation.onResponse(server.challenge(link.last()), 0);
        StunMessage second = FakeTurnServer.parse(link.last());
        assertThat(second.text(second.find(AttributeType.USERNAME))).isEqualTo("bench");
        assertThat(second.text(second.find(AttributeType.REALM))).isEqualTo(FakeTurnServer.REALM);
        assertThat(second.text(second.find(AttributeType.NONCE))).isEqualTo("nonce-1");
        assertThat(MessageIntegrity.verify(second, credentials.longTermKey(FakeTurnServer.REALM))).isTrue();
        assertThat(Fingerprint.verify(second)).isTrue();

        allocation.onResponse(server.allocated(link.last(), 40_123), 0);
        assertThat(outcomes).containsExactly("ALLOCATE:ok");
        assertThat(allocation.relayed().getPort()).isEqualTo(40_123);
        assertThat(allocation.busy()).isFalse();
    }

    @Test
    void channelBindCarriesTheChannelNumberAndThePeer() throws Exception {
        allocate();
        allocation.begin(Operation.CHANNEL_BIND, 0);
        StunMessage bind = FakeTurnServer.parse(link.last());

        assertThat(bind.method()).isEqualTo(Method.CHANNEL_BIND);
        assertThat(bind.unsignedInt(bind.find(AttributeType.CHANNEL_NUMBER)) >>> 16).isEqualTo(0x4003);
        assertThat(bind.xorAddress(bind.find(AttributeType.XOR_PEER_ADDRESS))).isEqualTo(PEER);
        assertThat(MessageIntegrity.verify(bind, credentials.longTermKey(FakeTurnServer.REALM))).isTrue();

        allocation.onResponse(server.success(link.last()), 0);
        assertThat(allocation.channelBound()).isTrue();
    }

    @Test
    void refreshZeroAsksForLifetimeZeroAndForgetsTheAllocation() throws Exception {
        allocate();
        allocation.begin(Operation.REFRESH_ZERO, 0);
        StunMessage refresh = FakeTurnServer.parse(link.last());

        assertThat(refresh.method()).isEqualTo(Method.REFRESH);
        assertThat(refresh.unsignedInt(refresh.find(AttributeType.LIFETIME))).isZero();
        allocation.onResponse(server.success(link.last()), 0);
        assertThat(allocation.relayed()).isNull();
        assertThat(outcomes).containsExactly("ALLOCATE:ok", "REFRESH_ZERO:ok");
    }

    @Test
    void staleNonceIsRetriedWithTheNewNonce() {
        allocate();
        allocation.begin(Operation.CHANNEL_BIND, 0);
        FakeTurnServer renewed = new FakeTurnServer(credentials, "nonce-2");

        allocation.onResponse(renewed.staleNonce(link.last()), 0);
        StunMessage retry = FakeTurnServer.parse(link.last());

        assertThat(retry.text(retry.find(AttributeType.NONCE))).isEqualTo("nonce-2");
        assertThat(allocation.busy()).isTrue();
    }

    @Test
    void errorResponseFailsTheOperationWithItsCodeAndReason() {
        allocation.begin(Operation.ALLOCATE, 0);
        allocation.onResponse(server.challenge(link.last()), 0);
        allocation.onResponse(server.error(link.last(), 486, "Allocation Quota Reached", false), 0);

        assertThat(outcomes).containsExactly("ALLOCATE:Allocate: 486 Allocation Quota Reached");
        assertThat(allocation.relayed()).isNull();
    }

    @Test
    void secondChallengeAfterAuthenticatingMeansWrongCredentials() {
        allocation.begin(Operation.ALLOCATE, 0);
        allocation.onResponse(server.challenge(link.last()), 0);
        allocation.onResponse(server.challenge(link.last()), 0);

        assertThat(outcomes).containsExactly("ALLOCATE:Allocate: 401 Unauthenticated");
    }

    @Test
    void successSignedWithAnotherKeyFailsTheIntegrityCheck() {
        FakeTurnServer impostor = new FakeTurnServer(Credentials.staticUser("bench:other"), "nonce-1");
        allocation.begin(Operation.ALLOCATE, 0);
        allocation.onResponse(server.challenge(link.last()), 0);
        allocation.onResponse(impostor.allocated(link.last(), 40_000), 0);

        assertThat(outcomes).containsExactly("ALLOCATE:Allocate: success response failed its MESSAGE-INTEGRITY check");
    }

    @Test
    void responseToAnotherTransactionIsIgnored() {
        allocation.begin(Operation.ALLOCATE, 0);
        ByteBuf stale = link.last();
        allocation.onResponse(server.challenge(stale), 0);

        allocation.onResponse(server.challenge(stale), 0);

        assertThat(link.sent).hasSize(2);
        assertThat(outcomes).isEmpty();
    }

    @Test
    void unansweredRequestIsRetransmittedWithBackoffThenFails() throws StunParseException {
        allocation.begin(Operation.ALLOCATE, 0);
        allocation.onTimer(249 * MS);
        assertThat(link.sent).hasSize(1);

        allocation.onTimer(250 * MS);
        assertThat(link.sent).hasSize(2);
        assertThat(FakeTurnServer.parse(link.sent.get(1)).transactionLow())
                .isEqualTo(FakeTurnServer.parse(link.sent.get(0)).transactionLow());
        allocation.onTimer(700 * MS);
        assertThat(link.sent).as("second backoff is 500 ms").hasSize(2);
        allocation.onTimer(750 * MS);
        allocation.onTimer(1_750 * MS);
        allocation.onTimer(3_750 * MS);
        assertThat(link.sent).hasSize(ClientAllocation.MAX_TRANSMISSIONS);
        allocation.onTimer(7_750 * MS);

        assertThat(outcomes).containsExactly("ALLOCATE:Allocate: no response after 5 transmissions");
        assertThat(allocation.busy()).isFalse();
    }

    @Test
    void successResponsesAreSuccessClassWithTheRequestMethod() {
        allocation.begin(Operation.ALLOCATE, 0);
        StunMessage challenge = server.challenge(link.last());

        assertThat(challenge.messageClass()).isEqualTo(MessageClass.ERROR_RESPONSE);
        assertThat(challenge.method()).isEqualTo(Method.ALLOCATE);
    }

    private void allocate() {
        allocation.begin(Operation.ALLOCATE, 0);
        allocation.onResponse(server.challenge(link.last()), 0);
        allocation.onResponse(server.allocated(link.last(), 40_000), 0);
    }
}
