package io.turnfleet.operator.turn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call through a relay, as a WebRTC client makes it: Allocate (following one 300 Try Alternate),
 * CreatePermission and ChannelBind for the peer, then a packet every 50 ms to the echo peer over
 * ChannelData and a Refresh every second, until it is finished. It counts what it sent, what came
 * back and every request that failed.
 */
public final class Call implements AutoCloseable {
  private static final char CHANNEL = 0x4001;
  private static final int PACKET_INTERVAL_MS = 50;
  private static final int REFRESH_INTERVAL_MS = 1000;
  private static final int LIFETIME_SECONDS = 600;

  private final String name;
  private final RestCredential credential;
  private final InetSocketAddress peer;
  private final AtomicInteger sent = new AtomicInteger();
  private final Set<Integer> echoed = ConcurrentHashMap.newKeySet();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> refreshLifetimes = Collections.synchronizedList(new ArrayList<>());
  private TurnClient client;
  private Optional<InetSocketAddress> redirectedFrom = Optional.empty();
  private Thread traffic;
  private volatile boolean running;

  private Call(String name, RestCredential credential, InetSocketAddress peer) {
    this.name = name;
    this.credential = credential;
    this.peer = peer;
  }

  /**
   * Starts a call on {@code relay}; when the relay answers 300, on the alternate it names.
   *
   * @throws CallRefused when the relay refuses the allocation
   */
  public static Call start(String name, InetSocketAddress relay, RestCredential credential, InetSocketAddress peer)
      throws IOException, CallRefused {
    Call call = new Call(name, credential, peer);
    try {
      call.connect(relay);
    } catch (IOException | CallRefused | RuntimeException e) {
      call.close();
      throw e;
    }
    return call;
  }

  /** A relay refused the Allocate (or a request needed to set up the call). */
  public static final class CallRefused extends Exception {
    private final TurnClient.Answer answer;

    CallRefused(String what, TurnClient.Answer answer) {
      super(what + " refused: " + answer);
      this.answer = answer;
    }

    public TurnClient.Answer answer() {
      return answer;
    }
  }

  private void connect(InetSocketAddress relay) throws IOException, CallRefused {
    client = new TurnClient(relay, credential);
    TurnClient.Answer allocated = client.allocate();
    if (allocated.errorCode() == 300 && allocated.alternateServer().isPresent()) {
      client.close();
      redirectedFrom = Optional.of(relay);
      client = new TurnClient(allocated.alternateServer().get(), credential);
      allocated = client.allocate();
    }
    require("Allocate", allocated);
    require("CreatePermission", client.createPermission(peer));
    require("ChannelBind", client.channelBind(CHANNEL, peer));
    client.onChannelData(data -> echoed.add(ByteBuffer.wrap(data.getData()).getInt()));
    running = true;
    traffic = new Thread(this::sendAndRefresh, "call-" + name);
    traffic.setDaemon(true);
    traffic.start();
  }

  private static void require(String what, TurnClient.Answer answer) throws CallRefused {
    if (!answer.success()) {
      throw new CallRefused(what, answer);
    }
  }

  private void sendAndRefresh() {
    long nextRefresh = System.nanoTime() + REFRESH_INTERVAL_MS * 1_000_000L;
    while (running) {
      try {
        int seq = sent.getAndIncrement();
        client.sendChannelData(CHANNEL, ByteBuffer.allocate(64).putInt(seq).array());
        if (System.nanoTime() - nextRefresh >= 0) {
          TurnClient.Answer refreshed = client.refresh(LIFETIME_SECONDS);
          if (refreshed.success()) {
            refreshLifetimes.add(refreshed.lifetime());
          } else {
            failures.add("Refresh: " + refreshed);
          }
          nextRefresh = System.nanoTime() + REFRESH_INTERVAL_MS * 1_000_000L;
        }
        Thread.sleep(PACKET_INTERVAL_MS);
      } catch (IOException e) {
        failures.add(e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The relay the call runs on. */
  public InetSocketAddress relay() {
    return client.server();
  }

  /** The relay that answered 300 and sent the call here, if one did. */
  public Optional<InetSocketAddress> redirectedFrom() {
    return redirectedFrom;
  }

  public int sent() {
    return sent.get();
  }

  /** Packets sent that did not come back; call after {@link #finish()}. */
  public int lost() {
    return sent.get() - echoed.size();
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** Lifetimes the relay granted on each successful Refresh. */
  public List<Integer> refreshLifetimes() {
    return List.copyOf(refreshLifetimes);
  }

  /**
   * Ends the call as a client does: stops sending, waits for the last echoes, releases the
   * allocation (Refresh with lifetime 0).
   */
  public void finish() throws IOException, InterruptedException {
    running = false;
    traffic.join();
    Thread.sleep(300);
    TurnClient.Answer released = client.refresh(0);
    if (!released.success()) {
      failures.add("Refresh(0): " + released);
    }
    client.close();
  }

  @Override
  public void close() {
    running = false;
    if (client != null) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return name + " on " + (client == null ? "-" : client.server()) + ": sent " + sent + ", echoed " + echoed.size()
        + ", failures " + failures;
  }
}
