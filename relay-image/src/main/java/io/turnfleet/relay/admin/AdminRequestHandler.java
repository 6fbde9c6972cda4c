package io.turnfleet.relay.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin endpoints: {@code /healthz}, {@code /readyz}, {@code /metrics}, {@code /load}.
 * Read-only: GET and HEAD only, no request body. Holds no per-connection state, hence shared.
 */
@ChannelHandler.Sharable
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRequestHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Set<String> ENDPOINTS = Set.of("/healthz", "/readyz", "/metrics", "/load");

    private final RelayStatus status;
    private final RelayMetrics metrics;
    private final LoadMeter loadMeter;

    AdminRequestHandler(RelayStatus status, RelayMetrics metrics, LoadMeter loadMeter) {
        this.status = status;
        this.metrics = metrics;
        this.loadMeter = loadMeter;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            rejectUndecodable(ctx, request.decoderResult().cause());
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (!ENDPOINTS.contains(path)) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, TEXT, text("not found\n"));
            return;
        }
        HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT,
                    text("method not allowed\n"));
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, request, response);
            return;
        }
        if (request.content().isReadable()) {
            respond(ctx, request, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, TEXT,
                    text("request body not accepted\n"));
            return;
        }
        serve(ctx, request, path);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        switch (path) {
            case "/healthz":
                respond(ctx, request, HttpResponseStatus.OK, TEXT, text("ok\n"));
                break;
            case "/readyz":
                Readiness readiness = Readiness.of(status);
                respond(ctx, request,
                        readiness == Readiness.READY ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        TEXT, text(readiness.word() + "\n"));
                break;
            case "/metrics":
                serveMetrics(ctx, request);
                break;
            default: // "/load", the one endpoint left
                respond(ctx, request, HttpResponseStatus.OK, JSON,
                        Unpooled.wrappedBuffer(loadMeter.report().toJson()));
                break;
        }
    }

    private void serveMetrics(ChannelHandlerContext ctx, FullHttpRequest request) {
        ScrapeFormat format = ScrapeFormat.forAccept(request.headers().get(HttpHeaderNames.ACCEPT));
        ByteBuf body = ctx.alloc().buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            metrics.scrape(out, format);
        } catch (IOException | RuntimeException e) {
            body.release();
            LOG.warn("metrics scrape failed", e);
            respond(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, text("scrape failed\n"));
            return;
        }
        respond(ctx, request, HttpResponseStatus.OK, format.contentType(), body);
    }

    /** The decoder marked the request broken (RFC 9110 §15.5): answer once and close. */
    private static void rejectUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        } else if (cause instanceof TooLongFrameException) {
            status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
        }
        FullHttpResponse response = response(status, TEXT, text(status.reasonPhrase().toLowerCase(Locale.ROOT) + "\n"));
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String contentType, ByteBuf body) {
        send(ctx, request, response(status, contentType, body));
    }

    /** HEAD gets the GET headers, Content-Length included, and no body (RFC 9110 §9.3.2). */
    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        if (HttpMethod.HEAD.equals(request.method())) {
            response.content().clear();
        }
        ctx.writeAndFlush(response);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin HTTP connection failed; closing it", cause);
        ctx.close();
    }
}
