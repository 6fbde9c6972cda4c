package io.turnfleet.credentials.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutorGroup;

/** HTTP/1.1 codec, bounded request size, idle timeout, then the request handler on its own threads. */
public final class CredentialHttpInitializer extends ChannelInitializer<SocketChannel> {
  /** GET requests carry headers only; a larger one is refused with 413 by the aggregator. */
  private static final int MAX_REQUEST_BYTES = 16 * 1024;
  private static final int IDLE_SECONDS = 60;

  private final CredentialRequestHandler handler;
  private final EventExecutorGroup requestThreads;

  public CredentialHttpInitializer(CredentialRequestHandler handler, EventExecutorGroup requestThreads) {
    this.handler = handler;
    this.requestThreads = requestThreads;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast(new ReadTimeoutHandler(IDLE_SECONDS))
        .addLast(new HttpServerCodec(4096, MAX_REQUEST_BYTES, 8192))
        .addLast(new HttpServerKeepAliveHandler())
        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
        .addLast(requestThreads, handler);
  }
}
