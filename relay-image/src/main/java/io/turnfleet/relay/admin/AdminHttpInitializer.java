package io.turnfleet.relay.admin;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Pipeline of one admin connection: idle timeout, HTTP/1.1 codec, keep-alive, bounded aggregation, endpoints. */
final class AdminHttpInitializer extends ChannelInitializer<SocketChannel> {

    /** Largest request accepted, for the request line, the headers and the body each. */
    static final int MAX_REQUEST_BYTES = 8 * 1024;
    /** Keep-alive connections left unused this long are closed. */
    static final int IDLE_SECONDS = 60;

    private final AdminRequestHandler endpoints;

    AdminHttpInitializer(AdminRequestHandler endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        HttpDecoderConfig limits = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_BYTES)
                .setMaxHeaderSize(MAX_REQUEST_BYTES);
        ch.pipeline()
                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(new HttpServerCodec(limits))
                .addLast(new HttpServerKeepAliveHandler())
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(endpoints);
    }
}
