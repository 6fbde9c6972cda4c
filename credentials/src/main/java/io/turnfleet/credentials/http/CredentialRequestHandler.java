package io.turnfleet.credentials.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.turnfleet.credentials.CredentialIssuer;
import io.turnfleet.credentials.CredentialMetrics;
import io.turnfleet.credentials.caller.Caller;
import io.turnfleet.credentials.caller.CallerCheck;
import io.turnfleet.credentials.caller.Denial;
import io.turnfleet.credentials.rest.BadCredentialRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes: {@code GET /ice-servers} (RTCIceServer list), {@code GET /?service=turn&username=..&ttl=..}
 * (TURN REST API draft), {@code OPTIONS} preflights for both, the test page at {@code /test}, and
 * {@code /healthz}, {@code /readyz}, {@code /metrics}. Runs on an executor group apart from the event
 * loops, because a TokenReview blocks.
 */
@Sharable
public final class CredentialRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(CredentialRequestHandler.class);
  private static final String JSON = "application/json";
  private static final String BEARER = "Bearer ";

  private final CredentialIssuer issuer;
  private final CallerCheck callers;
  private final Cors cors;
  private final CredentialMetrics metrics;
  private final byte[] testPage;

  public CredentialRequestHandler(CredentialIssuer issuer, CallerCheck callers, Cors cors, CredentialMetrics metrics,
      byte[] testPage) {
    this.issuer = issuer;
    this.callers = callers;
    this.cors = cors;
    this.metrics = metrics;
    this.testPage = testPage.clone();
  }

  private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Answer json(int status, String body, Map<String, String> headers) {
      return new Answer(status, JSON, body.getBytes(StandardCharsets.UTF_8), headers);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long started = System.nanoTime();
    QueryStringDecoder query = new QueryStringDecoder(request.uri());
    String endpoint = endpoint(query);
    Answer answer;
    if (!request.decoderResult().isSuccess()) {
      answer = Answer.json(400, Answers.error("malformed HTTP request"), Map.of());
    } else {
      answer = answer(request, query, endpoint, started);
    }
    metrics.request(endpoint, answer.status(), System.nanoTime() - started);
    send(ctx, request, answer);
  }

  private Answer answer(FullHttpRequest request, QueryStringDecoder query, String endpoint, long nowNanos) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    String host = request.headers().get(HttpHeaderNames.HOST, "");
    boolean credentialEndpoint = endpoint.equals("ice-servers") || endpoint.equals("turn-rest");
    if (request.method().equals(HttpMethod.OPTIONS) && credentialEndpoint) {
      return cors.allows(origin, host)
          ? new Answer(204, null, new byte[0], cors.preflightHeaders(origin, host))
          : denied(Denial.ORIGIN_NOT_ALLOWED, Map.of());
    }
    if (!request.method().equals(HttpMethod.GET)) {
      return Answer.json(405, Answers.error("only GET is served"), Map.of("Allow", "GET, OPTIONS"));
    }
    switch (endpoint) {
      case "healthz":
        return new Answer(200, "text/plain", "ok\n".getBytes(StandardCharsets.US_ASCII), Map.of());
      case "readyz":
        return issuer.ready()
            ? new Answer(200, "text/plain", "ready\n".getBytes(StandardCharsets.US_ASCII), Map.of())
            : new Answer(503, "text/plain", "secret or fleet file not read yet\n".getBytes(StandardCharsets.US_ASCII),
                Map.of());
      case "metrics":
        return new Answer(200, "text/plain; version=0.0.4; charset=utf-8",
            metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
      case "test":
        return new Answer(200, "text/html; charset=utf-8", testPage,
            Map.of("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                + "style-src 'unsafe-inline'; frame-ancestors 'none'", "X-Content-Type-Options", "nosniff"));
      case "ice-servers":
      case "turn-rest":
        return credential(request, query, endpoint, origin, host, nowNanos);
      default:
        return Answer.json(404, Answers.error("no such resource; try /ice-servers or /?service=turn"), Map.of());
    }
  }

  private Answer credential(FullHttpRequest request, QueryStringDecoder query, String endpoint, String origin,
      String host, long nowNanos) {
    Map<String, String> corsHeaders = cors.responseHeaders(origin, host);
    if (!cors.allows(origin, host)) {
      return denied(Denial.ORIGIN_NOT_ALLOWED, corsHeaders);
    }
    boolean rest = endpoint.equals("turn-rest");
    CallerCheck.Outcome outcome = callers.check(presentedCredential(request, query, rest), nowNanos);
    if (outcome.denial().isPresent()) {
      return denied(outcome.denial().get(), corsHeaders);
    }
    Caller caller = outcome.caller().get();
    try {
      String user = rest ? issuer.terms().user(parameter(query, "username"))
          : parameter(query, "username") == null ? caller.id() : issuer.terms().user(parameter(query, "username"));
      CredentialIssuer.Issued issued = issuer.issue(user, parameter(query, "ttl"));
      metrics.issued(rest ? "turn_rest" : "ice_servers");
      String body = rest ? Answers.restApi(issued.credential(), issued.uris())
          : Answers.iceServers(issued.credential(), issued.uris());
      return Answer.json(200, body, withNoStore(corsHeaders));
    } catch (BadCredentialRequest e) {
      return Answer.json(400, Answers.error(e.getMessage()), corsHeaders);
    } catch (CredentialIssuer.Unavailable e) {
      return Answer.json(503, Answers.error(e.getMessage()), withRetryAfter(corsHeaders));
    }
  }

  private Answer denied(Denial denial, Map<String, String> corsHeaders) {
    metrics.denied(denial);
    Map<String, String> headers = denial.status() == 401
        ? merged(corsHeaders, Map.of("WWW-Authenticate", "Bearer realm=\"turnfleet-credentials\""))
        : denial.status() == 429 || denial.status() == 503 ? withRetryAfter(corsHeaders) : corsHeaders;
    return Answer.json(denial.status(), Answers.error(denial.message()), headers);
  }

  /** The bearer token, or for the TURN REST format also its {@code key} parameter (the draft's API key). */
  private static String presentedCredential(FullHttpRequest request, QueryStringDecoder query, boolean rest) {
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    return rest ? parameter(query, "key") : null;
  }

  private static String endpoint(QueryStringDecoder query) {
    String path = query.path();
    if (path.equals("/")) {
      return "turn".equals(parameter(query, "service")) ? "turn-rest" : "root";
    }
    switch (path) {
      case "/ice-servers":
      case "/healthz":
      case "/readyz":
      case "/metrics":
      case "/test":
        return path.substring(1);
      default:
        return "other";
    }
  }

  private static String parameter(QueryStringDecoder query, String name) {
    List<String> values = query.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Map<String, String> withNoStore(Map<String, String> headers) {
    return merged(headers, Map.of("Cache-Control", "no-store"));
  }

  private static Map<String, String> withRetryAfter(Map<String, String> headers) {
    return merged(headers, Map.of("Retry-After", "1"));
  }

  private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>(a);
    all.putAll(b);
    return all;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, Answer answer) {
    ByteBuf body = Unpooled.wrappedBuffer(answer.body());
    FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
        HttpResponseStatus.valueOf(answer.status()), body);
    if (answer.contentType() != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    }
    answer.headers().forEach((name, value) -> response.headers().set(name, value));
    HttpUtil.setContentLength(response, body.readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("closing connection after {}", cause.getClass().getSimpleName());
    ctx.close();
  }
}
