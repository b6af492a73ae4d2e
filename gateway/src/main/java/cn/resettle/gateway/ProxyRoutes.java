package cn.resettle.gateway;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxy: {@code /api/<domain>/**} is streamed to the domain's service with the caller's bearer token
 * unchanged (each service validates it again and applies the data scope), plus an {@code X-Request-Id} that the
 * services log and return. Token validation here (quarkus-oidc, see application.properties) turns away
 * unauthenticated calls before they reach a service. {@code /openapi/<domain>} serves each service's OpenAPI
 * document for the aggregated Swagger UI.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern API = Pattern.compile("^/api/([a-z]+)(/.*)?$");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Inject
    Backends backends;
    @Inject
    Vertx vertx;

    private HttpProxy proxy;
    private WebClient web;

    void routes(@Observes Router router) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200).setKeepAlive(true).setConnectTimeout(2000).setIdleTimeout(60)
                // large uploads (a department's screening file) stream through: big socket buffers, no Nagle delay
                .setSendBufferSize(1 << 20).setReceiveBufferSize(1 << 20).setTcpNoDelay(true));
        web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2000));
        proxy = HttpProxy.reverseProxy(client).originSelector(this::origin);
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
                HttpServerRequest in = ctx.request().proxiedRequest();
                ctx.request().headers().set("X-Forwarded-Host", String.valueOf(in.authority()));
                ctx.request().headers().set("X-Forwarded-Proto", in.scheme());
                if (in.remoteAddress() != null) {
                    ctx.request().headers().set("X-Forwarded-For", in.remoteAddress().hostAddress());
                }
                return ctx.sendRequest();
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

    private Future<SocketAddress> origin(HttpServerRequest req) {
        Matcher m = API.matcher(req.path());
        Backends.Backend b = m.matches() ? backends.forDomain(m.group(1)) : null;
        return b == null ? Future.failedFuture("no route") : Future.succeededFuture(b.address());
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
        LOG.debugf("%s %s -> %s", rc.request().method(), rc.request().uri(), m.group(1));
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
                problem(rc, 502, "backend-unavailable", "服务不可用 Service unavailable", b.domain() + " did not answer");
            }
        });
    }

    static void problem(RoutingContext rc, int status, String code, String title, String detail) {
        JsonObject p = new JsonObject().put("type", "https://resettle.cn/problems/" + code).put("title", title)
                .put("status", status).put("detail", detail).put("instance", rc.request().path());
        if (rc.request().getHeader(REQUEST_ID) != null) {
            p.put("requestId", rc.request().getHeader(REQUEST_ID));
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(p.encode());
    }
}
