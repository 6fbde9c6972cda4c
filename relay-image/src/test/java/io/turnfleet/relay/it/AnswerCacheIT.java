package io.turnfleet.relay.it;

import io.turnfleet.relay.stun.AttributeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers kept for retransmissions (RFC 8489 §6.3.1) over real UDP sockets: found only for the
 * same source, method and transaction id, never pushed out by challenges, and an Allocate's success
 * answered again even after the cache has rolled over (RFC 8656 §7.2).
 */
@ExtendWith(NettyLeakCheck.class)
class AnswerCacheIT {
    /** More answers than one event loop's cache holds (TransactionCache capacity 8192). */
    private static final int MORE_THAN_THE_CACHE_HOLDS = 8_300;
    /** Challenges a source gets before its rate limit (Relay.CHALLENGE_BURST) stops them. */
    private static final int CHALLENGES_PER_SOURCE = 500;

    private final OpenedResources opened = new OpenedResources();

    @AfterEach
    void closeEverythingOpened() throws Exception {
        opened.closeAll();
    }

    @Test
    void aBindingThatReusesAnAllocatesTransactionIdGetsABindingAnswer() {
        RelayUnderTest relay = opened.open(RelayUnderTest.start());
        TurnTestClient client = opened.open(relay.client());
        TurnAnswer allocated = client.request(TurnRequest.allocate());
        byte[] binding = Arrays.copyOf(allocated.request(), 20);
        binding[0] = 0;
        binding[1] = 1;
        binding[2] = 0;
        binding[3] = 0;

        TurnAnswer answer = client.resend(binding);

        assertThat(answer.isSuccess()).as("%s", answer).isTrue();
        assertThat(answer.message().method()).isEqualTo(io.turnfleet.relay.stun.Method.BINDING);
        assertThat(answer.xorAddress(AttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(client.localAddress());
    }

    @Test
    void aFloodOfChallengesFromManySourcesDoesNotPushARememberedAnswerOut() throws Exception {
        RelayUnderTest relay = opened.open(RelayUnderTest.start());
        TurnTestClient client = opened.open(relay.client());
        client.allocate();
        TurnAnswer freed = client.request(TurnRequest.refresh(0));
        assertThat(freed.isSuccess()).as("%s", freed).isTrue();

        int challenged = 0;
        for (int source = 10; challenged < MORE_THAN_THE_CACHE_HOLDS; source++) {
            challenged += challengesFrom(InetAddress.getByName("127.0.1." + source), relay.listen());
        }
        TurnAnswer retransmitted = client.resend(freed.request());

        assertThat(retransmitted.bytes()).as("the remembered Refresh answer, not 437").isEqualTo(freed.bytes());
    }

    @Test
    void aRetransmittedAllocateGetsItsSuccessAgainAfterTheAnswerCacheRolledOver() {
        RelayUnderTest relay = opened.open(RelayUnderTest.start());
        TurnTestClient client = opened.open(relay.client());
        TurnAnswer allocated = client.request(TurnRequest.allocate());
        assertThat(allocated.isSuccess()).as("%s", allocated).isTrue();
        for (int i = 0; i < MORE_THAN_THE_CACHE_HOLDS; i++) {
            assertThat(client.request(TurnRequest.refresh(600)).isSuccess()).isTrue();
        }

        TurnAnswer retransmitted = client.resend(allocated.request());

        assertThat(retransmitted.bytes()).as("RFC 8656 §7.2: the same success, not 437").isEqualTo(allocated.bytes());
    }

    /** Sends unauthenticated Allocates from {@code source} until the relay stops answering; returns the 401s. */
    private static int challengesFrom(InetAddress source, InetSocketAddress relay) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0))) {
            socket.setSoTimeout(500);
            byte[] answer = new byte[1500];
            int answered = 0;
            for (int i = 0; i < CHALLENGES_PER_SOURCE + 10; i++) {
                byte[] request = TurnRequest.allocate().encode();
                socket.send(new DatagramPacket(request, request.length, relay));
                try {
                    socket.receive(new DatagramPacket(answer, answer.length));
                    answered++;
                } catch (java.net.SocketTimeoutException rateLimited) {
                    return answered;
                }
            }
            return answered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
