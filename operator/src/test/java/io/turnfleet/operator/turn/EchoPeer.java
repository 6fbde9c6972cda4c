package io.turnfleet.operator.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** A UDP peer on 127.0.0.1 that sends every datagram back to where it came from: a relayed address. */
public final class EchoPeer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;

  public EchoPeer() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setReceiveBufferSize(1 << 20);
    thread = new Thread(this::echo, "echo-peer");
    thread.setDaemon(true);
    thread.start();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void echo() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // one failed echo shows up as a lost packet in the client's count
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
