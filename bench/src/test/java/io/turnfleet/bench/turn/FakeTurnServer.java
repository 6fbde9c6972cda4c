package io.turnfleet.bench.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.stun.StunWriter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Writes the responses a TURN server would give, so client logic can be driven without sockets. */
public final class FakeTurnServer {
    public static final String REALM = "example.org";
    public final String nonce;
    private final byte[] key;

    public FakeTurnServer(Credentials credentials, String nonce) {
        this.nonce = nonce;
        this.key = credentials.longTermKey(REALM);
    }

    public static StunMessage parse(ByteBuf request) {
        try {
            return StunMessage.parse(request);
        } catch (StunParseException e) {
            throw new AssertionError("generator sent an unparseable message: " + e.getMessage(), e);
        }
    }

    public StunMessage challenge(ByteBuf requestBytes) {
        return error(requestBytes, 401, "Unauthenticated", true);
    }

    public StunMessage staleNonce(ByteBuf requestBytes) {
        return error(requestBytes, 438, "Stale Nonce", true);
    }

    public StunMessage error(ByteBuf requestBytes, int code, String reason, boolean withNonce) {
        StunMessage request = parse(requestBytes);
        ByteBuf out = Unpooled.buffer();
        StunWriter writer = StunWriter.response(out, request, MessageClass.ERROR_RESPONSE).errorCode(code, reason);
        if (withNonce) {
            writer.text(AttributeType.REALM, REALM).text(AttributeType.NONCE, nonce);
        }
        return parse(out);
    }

    public StunMessage allocated(ByteBuf requestBytes, int relayPort) {
        StunMessage request = parse(requestBytes);
        ByteBuf out = Unpooled.buffer();
        StunWriter.response(out, request, MessageClass.SUCCESS_RESPONSE)
                .xorAddress(AttributeType.XOR_RELAYED_ADDRESS,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), relayPort))
                .unsignedInt(AttributeType.LIFETIME, 600)
                .integrity(key)
                .fingerprint();
        return parse(out);
    }

    public StunMessage success(ByteBuf requestBytes) {
        StunMessage request = parse(requestBytes);
        ByteBuf out = Unpooled.buffer();
        StunWriter.response(out, request, MessageClass.SUCCESS_RESPONSE).integrity(key).fingerprint();
        return parse(out);
    }

    /** Allocations with ids 0..count-1, allocated (relay ports from 40000) and bound, each on its own link. */
    public static List<ClientAllocation> established(int count, InetSocketAddress peer) {
        Credentials credentials = Credentials.staticUser("bench:secret");
        FakeTurnServer server = new FakeTurnServer(credentials, "n1");
        SetupListener ignore = (allocation, operation, failure) -> {
            if (failure != null) {
                throw new AssertionError(failure);
            }
        };
        List<ClientAllocation> allocations = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            ClientAllocation allocation = new ClientAllocation(id, 0x4000 + id, peer, credentials, ignore);
            RecordingLink link = new RecordingLink();
            allocation.attach(link);
            allocation.begin(Operation.ALLOCATE, 0);
            allocation.onResponse(server.challenge(link.last()), 0);
            allocation.onResponse(server.allocated(link.last(), 40_000 + id), 0);
            allocation.begin(Operation.CHANNEL_BIND, 0);
            allocation.onResponse(server.success(link.last()), 0);
            link.drain();
            allocations.add(allocation);
        }
        return allocations;
    }
}
