package cn.resettle.common.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Authentication happens before any resource runs (proactive), so its failures never reach the REST exception
 * mappers: this failure handler gives them the same problem+json shape (401 with a Bearer challenge, 403).
 */
@ApplicationScoped
public class AuthProblems {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(AuthProblems::handle);
    }

    public static void handle(RoutingContext rc) {
        Throwable f = rc.failure();
        if (f instanceof AuthenticationFailedException || f instanceof UnauthorizedException) {
            write(rc, 401, "unauthenticated", "未登录或令牌无效 Unauthenticated",
                    "a valid bearer token from the identity provider is required");
        } else if (f instanceof ForbiddenException) {
            write(rc, 403, "forbidden", "无权限 Forbidden", "your role does not allow this");
        } else {
            rc.next();
        }
    }

    static void write(RoutingContext rc, int status, String code, String title, String detail) {
        if (rc.response().ended()) {
            return;
        }
        JsonObject p = new JsonObject().put("type", "https://resettle.cn/problems/" + code).put("title", title)
                .put("status", status).put("detail", detail).put("instance", rc.request().path());
        String id = rc.request().getHeader(RequestIds.HEADER);
        if (id != null) {
            p.put("requestId", id);
        }
        if (status == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"resettle\"");
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(p.encode());
    }
}
