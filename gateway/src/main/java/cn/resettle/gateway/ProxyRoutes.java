package cn.resettle.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxy: {@code /api/<domain>/**} is streamed to the domain's service with the caller's bearer token
 * unchanged (each service validates it again and applies the data scope), plus an {@code X-Request-Id} that the
 * services log and return. Token validation here (quarkus-oidc, see application.properties) turns away
 * unauthenticated calls before they reach a service. {@code /openapi/<domain>} serves each service's OpenAPI
 * document for the aggregated Swagger UI.
 * <p>
 * When a backend cannot be reached the caller gets 503 problem+json (504 when it does not answer within
 * {@code gateway.timeouts.response}), always with the request id; a body larger than the upload limit is refused
 * with 413 while it streams (chunked uploads carry no length to check up front); each caller (token subject) has a
 * token bucket and gets 429 with {@code Retry-After} when it is empty.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern API = Pattern.compile("^/api/([a-z]+)(/.*)?$");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final String BACKEND_REQUEST = "resettle.backend-request";
    private static final String TOO_LARGE = "resettle.too-large";
    private static final String TIMED_OUT = "resettle.timed-out";

    @Inject
    Backends backends;
    @Inject
    Vertx vertx;
    @Inject
    GatewayConfig config;
    @Inject
    RateLimiter rateLimiter;
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    private HttpProxy proxy;
    private WebClient web;

    void routes(@Observes Router router) {
        GatewayConfig.Timeouts timeouts = config.timeouts();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200).setKeepAlive(true)
                .setConnectTimeout((int) timeouts.connect().toMillis())
                .setIdleTimeout((int) Math.max(1, timeouts.idle().toSeconds()))
                // large uploads (a department's screening file) stream through: big socket buffers, no Nagle delay
                .setSendBufferSize(1 << 20).setReceiveBufferSize(1 << 20).setTcpNoDelay(true));
        web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeouts.connect().toMillis())
                .setIdleTimeout((int) Math.max(1, timeouts.response().toSeconds())));
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
        proxy = HttpProxy.reverseProxy(client).origin(ctx -> {
            Matcher m = API.matcher(ctx.request().proxiedRequest().path());
            Backends.Backend b = m.matches() ? backends.forDomain(m.group(1)) : null;
            if (b == null) {
                return Future.failedFuture("no route");
            }
            return ctx.client().request(new RequestOptions().setServer(b.address())
                            .setConnectTimeout(timeouts.connect().toMillis()))
                    .onSuccess(req -> {
                        ctx.set(BACKEND_REQUEST, req);
                        // a reset (timeout, oversized body) fails the answer, which becomes the caller's problem answer
                        req.exceptionHandler(t -> LOG.debugf("backend request ended: %s", t.toString()));
                    });
        });
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
                HttpServerRequest in = ctx.request().proxiedRequest();
                ctx.request().headers().set("X-Forwarded-Host", String.valueOf(in.authority()));
                ctx.request().headers().set("X-Forwarded-Proto", in.scheme());
                if (in.remoteAddress() != null) {
                    ctx.request().headers().set("X-Forwarded-For", in.remoteAddress().hostAddress());
                }
                if (io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()) {
                    // tracing on: the backend's parent is the gateway's own span (injected by the HTTP client), not
                    // the caller's, so the caller's trace context is not copied over it
                    ctx.request().headers().remove("traceparent");
                    ctx.request().headers().remove("tracestate");
                }
                // the answer clock starts once the whole body has gone to the backend (uploads are not cut short)
                Promise<Void> bodySent = Promise.promise();
                Body body = ctx.request().getBody();
                if (body == null) {
                    bodySent.tryComplete();
                } else {
                    ctx.request().setBody(Body.body(new LimitedBody(body.stream(), limit,
                            () -> ctx.set(TOO_LARGE, Boolean.TRUE), bodySent::tryComplete), body.length()));
                }
                long[] timer = {-1};
                bodySent.future().onSuccess(v -> timer[0] = vertx.setTimer(timeouts.response().toMillis(), t -> {
                    ctx.set(TIMED_OUT, Boolean.TRUE);
                    HttpClientRequest backend = ctx.get(BACKEND_REQUEST, HttpClientRequest.class);
                    if (backend != null) {
                        backend.reset(0, new TimeoutException("no answer within " + timeouts.response()));
                    }
                }));
                return ctx.sendRequest()
                        .onComplete(ar -> {
                            bodySent.tryFail("answered");
                            if (timer[0] >= 0) {
                                vertx.cancelTimer(timer[0]);
                            }
                        })
                        .recover(failure -> failed(ctx, failure, limit));
            }

            @Override
            public Future<Void> handleProxyResponse(ProxyContext ctx) {
                // the service echoes the id the gateway gave it; answer with it once
                ctx.response().headers().remove(REQUEST_ID);
                return ctx.sendResponse();
            }
        });

        router.route("/api/*").order(-10).handler(this::assignRequestId);
        router.route("/api/*").order(10).handler(this::proxy);
        if (rateLimiter.enabled()) {
            vertx.setPeriodic(60_000, t -> rateLimiter.evictIdle());
        }
        router.get("/openapi/:domain").order(10).handler(this::openapi);
    }

    private void assignRequestId(RoutingContext rc) {
        String id = rc.request().getHeader(REQUEST_ID);
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
            rc.request().headers().set(REQUEST_ID, id);
        }
        MDC.put("requestId", id);
        rc.response().putHeader(REQUEST_ID, id);
        rc.next();
    }

    /** The backend could not be reached, did not answer in time, or the body was over the limit: a problem answer. */
    private Future<ProxyResponse> failed(ProxyContext ctx, Throwable failure, long limit) {
        ProxyRequest req = ctx.request();
        HttpServerRequest in = req.proxiedRequest();
        Matcher m = API.matcher(in.path());
        String domain = m.matches() ? m.group(1) : "the service";
        JsonObject p;
        ProxyResponse r = req.release().response();
        if (Boolean.TRUE.equals(ctx.get(TOO_LARGE, Boolean.class))) {
            p = problemBody(in, 413, "payload-too-large", "请求体过大 Payload too large",
                    "the request body is larger than the limit of " + limit + " bytes");
            r.putHeader("Connection", "close");
            // the rest of the body is read and dropped; a caller that never stops sending is cut off
            vertx.setTimer(10_000, t -> {
                if (!in.isEnded() && in.connection() != null) {
                    in.connection().close();
                }
            });
        } else if (Boolean.TRUE.equals(ctx.get(TIMED_OUT, Boolean.class)) || failure instanceof TimeoutException
                || failure.getCause() instanceof TimeoutException) {
            LOG.warnf("%s %s: %s did not answer within %s", in.method(), in.path(), domain, config.timeouts().response());
            p = problemBody(in, 504, "backend-timeout", "服务响应超时 Gateway timeout",
                    domain + " did not answer within " + config.timeouts().response().toSeconds() + " s; try again later");
        } else {
            LOG.warnf("%s %s: %s unavailable (%s)", in.method(), in.path(), domain, failure.toString());
            p = problemBody(in, 503, "backend-unavailable", "服务暂不可用 Service unavailable",
                    domain + " is not reachable at the moment; try again shortly");
            r.putHeader("Retry-After", "5");
        }
        r.setStatusCode(p.getInteger("status"))
                .putHeader("Content-Type", "application/problem+json")
                .setBody(Body.body(Buffer.buffer(p.encode())));
        return Future.succeededFuture(r);
    }

    private void proxy(RoutingContext rc) {
        if (!(rc.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"resettle\"");
            problem(rc, 401, "unauthenticated", "未登录或令牌无效 Unauthenticated",
                    "a valid bearer token from the identity provider is required");
            return;
        }
        Matcher m = API.matcher(rc.request().path());
        if (!m.matches() || backends.forDomain(m.group(1)) == null) {
            problem(rc, 404, "not-found", "未找到 Not found", "no service answers " + rc.request().path());
            return;
        }
        long retryAfter = rateLimiter.acquire(subject(user.getSecurityIdentity()));
        if (retryAfter > 0) {
            rc.response().putHeader("Retry-After", Long.toString(retryAfter));
            problem(rc, 429, "too-many-requests", "请求过于频繁 Too many requests",
                    "more than " + config.rateLimit().perSecond() + " requests per second from one caller; retry after "
                            + retryAfter + " s");
            return;
        }
        LOG.debugf("%s %s -> %s", rc.request().method(), rc.request().path(), m.group(1));
        proxy.handle(rc.request());
    }

    private void openapi(RoutingContext rc) {
        Backends.Backend b = backends.forDomain(rc.pathParam("domain"));
        if (b == null) {
            problem(rc, 404, "not-found", "未找到 Not found", "no such service");
            return;
        }
        web.get(b.address().port(), b.address().host(), "/q/openapi?format=json").send().onComplete(ar -> {
            if (ar.succeeded() && ar.result().statusCode() == 200) {
                rc.response().putHeader("Content-Type", "application/json").end(ar.result().body());
            } else {
                problem(rc, 503, "backend-unavailable", "服务暂不可用 Service unavailable", b.domain() + " did not answer");
            }
        });
    }

    /** The caller a rate limit applies to: the token's subject (a person, or a client's service account). */
    static String subject(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    static void problem(RoutingContext rc, int status, String code, String title, String detail) {
        JsonObject p = problemBody(rc.request(), status, code, title, detail);
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(p.encode());
    }

    static JsonObject problemBody(HttpServerRequest req, int status, String code, String title, String detail) {
        JsonObject p = new JsonObject().put("type", "https://resettle.cn/problems/" + code).put("title", title)
                .put("status", status).put("detail", detail).put("instance", req.path());
        if (req.getHeader(REQUEST_ID) != null) {
            p.put("requestId", req.getHeader(REQUEST_ID));
        }
        return p;
    }
}
