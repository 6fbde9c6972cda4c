package io.turnfleet.operator.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.AlternateServerAttribute;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.XorRelayedAddressAttribute;
import org.ice4j.message.ChannelData;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;

/**
 * A TURN client over UDP on 127.0.0.1 built on ice4j's message codec ({@code org.ice4j.message},
 * {@code org.ice4j.attribute}): long-term credentials with the 401 challenge and 438 stale nonce
 * (RFC 8489 §9.2), Allocate, Refresh, CreatePermission and ChannelBind (RFC 8656), and ChannelData.
 * A receiver thread matches answers to requests by transaction ID and hands ChannelData to a
 * listener. Requests are retransmitted every 250 ms, for two seconds at most.
 */
public final class TurnClient implements AutoCloseable {
  private static final int RETRANSMIT_MS = 250;
  private static final int ATTEMPTS = 8;
  private static final byte UDP = 17;
  /** ice4j signs MESSAGE-INTEGRITY with the key its stack's credentials manager returns. */
  private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();
  private static final StunStack STACK = new StunStack();

  static {
    STACK.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
      @Override
      public byte[] getLocalKey(String username) {
        return null;
      }

      @Override
      public byte[] getRemoteKey(String username, String media) {
        return KEYS.get(username);
      }

      @Override
      public boolean checkLocalUserName(String username) {
        return false;
      }
    });
  }

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final RestCredential credential;
  private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
  private final Thread receiver;
  private volatile Consumer<ChannelData> channelData = data -> {};
  private byte[] realm;
  private byte[] nonce;

  /** What a relay answered. */
  public record Answer(Message message) {
    public boolean success() {
      return Message.isSuccessResponseType(message.getMessageType());
    }

    public int errorCode() {
      ErrorCodeAttribute error = (ErrorCodeAttribute) message.getAttribute(Attribute.ERROR_CODE);
      return error == null ? 0 : error.getErrorCode();
    }

    public String reason() {
      ErrorCodeAttribute error = (ErrorCodeAttribute) message.getAttribute(Attribute.ERROR_CODE);
      return error == null ? "" : error.getReasonPhrase();
    }

    public Optional<InetSocketAddress> alternateServer() {
      AlternateServerAttribute alternate = (AlternateServerAttribute) message.getAttribute(Attribute.ALTERNATE_SERVER);
      return Optional.ofNullable(alternate).map(a -> new InetSocketAddress(a.getAddress().getAddress(), a.getPort()));
    }

    public Optional<InetSocketAddress> relayedAddress() {
      XorRelayedAddressAttribute relayed = (XorRelayedAddressAttribute) message.getAttribute(Attribute.XOR_RELAYED_ADDRESS);
      return Optional.ofNullable(relayed).map(r -> {
        TransportAddress address = r.getAddress(message.getTransactionID());
        return new InetSocketAddress(address.getAddress(), address.getPort());
      });
    }

    public int lifetime() {
      LifetimeAttribute lifetime = (LifetimeAttribute) message.getAttribute(Attribute.LIFETIME);
      return lifetime == null ? -1 : lifetime.getLifetime();
    }

    @Override
    public String toString() {
      return success() ? "success" : errorCode() + " " + reason();
    }
  }

  public TurnClient(InetSocketAddress server, RestCredential credential) throws IOException {
    this.server = server;
    this.credential = credential;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setReceiveBufferSize(1 << 20);
    receiver = new Thread(this::receive, "turn-client-" + socket.getLocalPort());
    receiver.setDaemon(true);
    receiver.start();
  }

  /** A new client allocates once on {@code relay} and, on success, frees the allocation at once. */
  public static Answer allocateOnce(InetSocketAddress relay, RestCredential credential) throws IOException {
    try (TurnClient client = new TurnClient(relay, credential)) {
      Answer answer = client.allocate();
      if (answer.success()) {
        client.refresh(0);
      }
      return answer;
    }
  }

  public InetSocketAddress server() {
    return server;
  }

  /** Receives every ChannelData message from now on. */
  public void onChannelData(Consumer<ChannelData> listener) {
    this.channelData = listener;
  }

  /** Allocate for UDP (RFC 8656 §7.1), answering the 401 challenge with the credential. */
  public Answer allocate() throws IOException {
    return authenticated(() -> MessageFactory.createAllocateRequest(UDP, false));
  }

  public Answer refresh(int lifetimeSeconds) throws IOException {
    return authenticated(() -> MessageFactory.createRefreshRequest(lifetimeSeconds));
  }

  public Answer createPermission(InetSocketAddress peer) throws IOException {
    return authenticated(() -> MessageFactory.createCreatePermissionRequest(transportAddress(peer), new byte[12]));
  }

  public Answer channelBind(char channel, InetSocketAddress peer) throws IOException {
    return authenticated(() -> MessageFactory.createChannelBindRequest(channel, transportAddress(peer), new byte[12]));
  }

  public void sendChannelData(char channel, byte[] data) throws IOException {
    ChannelData message = new ChannelData();
    message.setChannelNumber(channel);
    message.setData(data);
    try {
      byte[] bytes = message.encode(false);
      socket.send(new DatagramPacket(bytes, bytes.length, server));
    } catch (StunException e) {
      throw new IOException("cannot encode ChannelData", e);
    }
  }

  /** A request built fresh for each attempt, because ice4j needs the transaction ID set on it. */
  private interface RequestSource {
    Request create() throws StunException;
  }

  /**
   * Sends a request signed with the credential: the first one goes unsigned to learn realm and nonce
   * from the 401 challenge; a 438 (stale nonce) is answered once with the new nonce.
   */
  private Answer authenticated(RequestSource source) throws IOException {
    Answer answer = transact(source, realm != null);
    if (answer.errorCode() == 401 && realm == null && learnRealmAndNonce(answer)) {
      answer = transact(source, true);
    }
    if (answer.errorCode() == 438 && learnRealmAndNonce(answer)) {
      answer = transact(source, true);
    }
    return answer;
  }

  private boolean learnRealmAndNonce(Answer challenge) {
    RealmAttribute realmAttribute = (RealmAttribute) challenge.message().getAttribute(Attribute.REALM);
    NonceAttribute nonceAttribute = (NonceAttribute) challenge.message().getAttribute(Attribute.NONCE);
    if (realmAttribute == null || nonceAttribute == null) {
      return false;
    }
    realm = realmAttribute.getRealm();
    nonce = nonceAttribute.getNonce();
    KEYS.put(credential.username(), longTermKey(credential, realm));
    return true;
  }

  private Answer transact(RequestSource source, boolean sign) throws IOException {
    byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
    byte[] bytes;
    try {
      Request request = source.create();
      request.setTransactionID(transactionId);
      if (sign) {
        MessageFactory.addLongTermCredentialAttributes(request, credential.username().getBytes(StandardCharsets.UTF_8),
            realm, nonce);
      }
      bytes = request.encode(STACK);
    } catch (StunException e) {
      throw new IOException("cannot encode request", e);
    }
    String key = HexFormat.of().formatHex(transactionId);
    CompletableFuture<Message> answer = new CompletableFuture<>();
    pending.put(key, answer);
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
        try {
          return new Answer(answer.get(RETRANSMIT_MS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException retransmit) {
          // RFC 8489 §6.2.1: send again
        } catch (ExecutionException e) {
          throw new IOException("answer could not be read", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      throw new IOException("no answer from " + server + " within " + RETRANSMIT_MS * ATTEMPTS + " ms");
    } finally {
      pending.remove(key);
    }
  }

  private void receive() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] bytes = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        if (ChannelData.isChannelDataMessage(bytes)) {
          channelData.accept(ChannelData.decode(bytes, (char) 0));
        } else {
          Message message = Message.decode(bytes, (char) 0, (char) bytes.length);
          CompletableFuture<Message> waiting = pending.get(HexFormat.of().formatHex(message.getTransactionID()));
          if (waiting != null) {
            waiting.complete(message);
          }
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException | StunException | RuntimeException e) {
        // a datagram that does not decode is dropped, as a client would
      }
    }
  }

  private static TransportAddress transportAddress(InetSocketAddress address) {
    return new TransportAddress(address.getAddress(), address.getPort(), Transport.UDP);
  }

  /** RFC 8489 §9.2.2: MD5(username ":" realm ":" password). */
  private static byte[] longTermKey(RestCredential credential, byte[] realm) {
    try {
      return MessageDigest.getInstance("MD5").digest((credential.username() + ":"
          + new String(realm, StandardCharsets.UTF_8) + ":" + credential.password()).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
