package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ice4j.StunMessageEvent;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.attribute.XorRelayedAddressAttribute;
import org.ice4j.message.ChannelData;
import org.ice4j.message.Indication;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.LongTermCredential;
import org.ice4j.security.LongTermCredentialSession;
import org.ice4j.socket.IceTcpSocketWrapper;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;
import org.ice4j.stunclient.BlockingRequestSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ice4j (the Java STUN/TURN stack of jitsi-videobridge) as the client over TCP: its StunStack sends
 * the requests, handles transactions and long-term credentials, and receives Data indications;
 * {@link StunFramedSocket} supplies the TURN-over-TCP framing its own TCP sockets lack.
 */
class Ice4jOverTcpIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final char CHANNEL = 0x4000;

    private RelayUnderTest relay;
    private StunStack stack;
    private StunFramedSocket socket;
    private TransportAddress server;
    private TransportAddress local;
    private BlockingRequestSender sender;
    private LongTermCredentialSession session;
    private DatagramSocket peer;
    private TransportAddress peerAddress;

    @BeforeEach
    void connectIce4jToTheRelayOverTcp() throws Exception {
        relay = RelayUnderTest.start(RelayUnderTest.listen(Transport.TCP));
        InetSocketAddress tcp = relay.address(Transport.TCP);
        Socket connection = new Socket(tcp.getAddress(), tcp.getPort());
        socket = new StunFramedSocket(connection);
        server = new TransportAddress(tcp.getAddress(), tcp.getPort(), org.ice4j.Transport.TCP);
        local = new TransportAddress(connection.getLocalAddress(), connection.getLocalPort(), org.ice4j.Transport.TCP);
        stack = new StunStack();
        stack.addSocket(new IceTcpSocketWrapper(socket), server);
        sender = new BlockingRequestSender(stack, local);
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout((int) WAIT.toMillis());
        peerAddress = new TransportAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort(),
                org.ice4j.Transport.UDP);
    }

    @AfterEach
    void disconnect() {
        if (stack != null) {
            stack.shutDown();
        }
        if (peer != null) {
            peer.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void allocatePermissionSendAndChannelDataWorkThroughIce4jsStackOverTcp() throws Exception {
        TransportAddress relayed = allocate();
        assertThat(relayed.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());

        TransactionID permission = TransactionID.createNewTransactionID();
        assertSuccess(send(MessageFactory.createCreatePermissionRequest(peerAddress, permission.getBytes()),
                permission));

        BlockingQueue<Message> indications = new LinkedBlockingQueue<>();
        stack.addIndicationListener(local, event -> indications.add(event.getMessage()));
        byte[] hello = "hello over a Send indication".getBytes(StandardCharsets.UTF_8);
        Indication send = MessageFactory.createSendIndication(peerAddress, hello,
                TransactionID.createNewTransactionID().getBytes());
        stack.sendIndication(send, server, local);

        DatagramPacket atPeer = receiveAtPeer();
        assertThat(Arrays.copyOf(atPeer.getData(), atPeer.getLength())).isEqualTo(hello);
        assertThat(atPeer.getPort()).as("relayed from the allocation's port").isEqualTo(relayed.getPort());

        byte[] reply = "a Data indication back".getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(reply, reply.length, relayed));
        Message data = indications.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(data).as("Data indication").isNotNull();
        assertThat(((DataAttribute) data.getAttribute(Attribute.DATA)).getData()).isEqualTo(reply);
        assertThat(((XorPeerAddressAttribute) data.getAttribute(Attribute.XOR_PEER_ADDRESS))
                .getAddress(data.getTransactionID()).getPort()).isEqualTo(peer.getLocalPort());

        TransactionID bind = TransactionID.createNewTransactionID();
        assertSuccess(send(MessageFactory.createChannelBindRequest(CHANNEL, peerAddress, bind.getBytes()), bind));

        byte[] viaChannel = "odd-length ChannelData".getBytes(StandardCharsets.UTF_8);
        ChannelData toPeer = new ChannelData();
        toPeer.setChannelNumber(CHANNEL);
        toPeer.setData(viaChannel);
        stack.sendChannelData(toPeer, server, local);
        DatagramPacket channelAtPeer = receiveAtPeer();
        assertThat(Arrays.copyOf(channelAtPeer.getData(), channelAtPeer.getLength())).isEqualTo(viaChannel);

        byte[] back = "ChannelData back, 27 bytes".getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(back, back.length, relayed));
        byte[] frame = socket.nextChannelData(WAIT);
        assertThat(frame).as("ChannelData from the relay").isNotNull();
        assertThat(frame.length % 4).as("padded on a stream").isZero();
        ChannelData fromPeer = ChannelData.decode(frame, (char) 0);
        assertThat((int) fromPeer.getChannelNumber()).isEqualTo((int) CHANNEL);
        assertThat(fromPeer.getData()).isEqualTo(back);
    }

    @Test
    void aRefreshWithLifetimeZeroThroughIce4jEndsTheAllocation() throws Exception {
        allocate();

        Request refresh = MessageFactory.createRefreshRequest(0);
        TransactionID id = TransactionID.createNewTransactionID();
        refresh.setTransactionID(id.getBytes());
        assertSuccess(send(refresh, id));

        TransactionID permission = TransactionID.createNewTransactionID();
        Response afterwards = send(MessageFactory.createCreatePermissionRequest(peerAddress, permission.getBytes()),
                permission);
        assertThat((int) ((ErrorCodeAttribute) afterwards.getAttribute(Attribute.ERROR_CODE)).getErrorCode())
                .as("437 Allocation Mismatch").isEqualTo(437);
    }

    /** Allocate with the 401 challenge answered by ice4j's long-term credential session. */
    private TransportAddress allocate() throws Exception {
        Response challenge = response(sender.sendRequestAndWaitForResponse(
                MessageFactory.createAllocateRequest((byte) 17, false), server));
        assertThat((int) ((ErrorCodeAttribute) challenge.getAttribute(Attribute.ERROR_CODE)).getErrorCode())
                .isEqualTo(401);
        byte[] realm = ((RealmAttribute) challenge.getAttribute(Attribute.REALM)).getRealm();
        assertThat(new String(realm, StandardCharsets.UTF_8)).isEqualTo(RelayUnderTest.REALM);
        session = new LongTermCredentialSession(
                new LongTermCredential(RelayUnderTest.USER, RelayUnderTest.PASSWORD), realm);
        session.setNonce(((NonceAttribute) challenge.getAttribute(Attribute.NONCE)).getNonce());
        stack.getCredentialsManager().registerAuthority(session);

        TransactionID id = TransactionID.createNewTransactionID();
        Request allocate = MessageFactory.createAllocateRequest((byte) 17, false);
        allocate.setTransactionID(id.getBytes());
        Response allocated = assertSuccess(send(allocate, id));
        return ((XorRelayedAddressAttribute) allocated.getAttribute(Attribute.XOR_RELAYED_ADDRESS))
                .getAddress(allocated.getTransactionID());
    }

    private Response send(Request request, TransactionID id) throws Exception {
        session.addAttributes(request);
        return response(sender.sendRequestAndWaitForResponse(request, server, id));
    }

    private static Response response(StunMessageEvent event) {
        assertThat(event).as("an answer within ice4j's retransmission timeout").isNotNull();
        return (Response) event.getMessage();
    }

    private static Response assertSuccess(Response response) {
        assertThat(response.isSuccessResponse())
                .as("success, got %s", response.getAttribute(Attribute.ERROR_CODE)).isTrue();
        return response;
    }

    private DatagramPacket receiveAtPeer() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        peer.receive(packet);
        return packet;
    }
}
