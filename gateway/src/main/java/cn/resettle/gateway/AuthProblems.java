package cn.resettle.gateway;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Token failures at the gateway answer in problem+json like the services do (401 with a Bearer challenge, 403). */
@ApplicationScoped
public class AuthProblems {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(AuthProblems::handle);
    }

    static void handle(RoutingContext rc) {
        Throwable f = rc.failure();
        if (rc.response().ended()) {
            return;
        }
        if (f instanceof AuthenticationFailedException || f instanceof UnauthorizedException) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"resettle\"");
            ProxyRoutes.problem(rc, 401, "unauthenticated", "未登录或令牌无效 Unauthenticated",
                    "a valid bearer token from the identity provider is required");
        } else if (f instanceof ForbiddenException) {
            ProxyRoutes.problem(rc, 403, "forbidden", "无权限 Forbidden", "your role does not allow this");
        } else {
            rc.next();
        }
    }
}
