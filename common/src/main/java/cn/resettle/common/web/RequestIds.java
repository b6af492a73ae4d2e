package cn.resettle.common.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.vertx.web.RouteFilter;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id: taken from the {@code X-Request-Id} header the gateway sets (or made up when a service is called
 * directly), echoed in the response, put in the logging MDC as {@code requestId} and into every problem answer.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @RouteFilter(1000)
    void assign(RoutingContext rc) {
        String id = rc.request().getHeader(HEADER);
        if (id == null || !SAFE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        rc.put(KEY, id);
        Context ctx = Vertx.currentContext();
        if (ctx != null) {
            ctx.putLocal(KEY, id);
        }
        MDC.put(KEY, id);
        rc.response().putHeader(HEADER, id);
        rc.next();
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        Context ctx = Vertx.currentContext();
        if (ctx != null) {
            Object v = ctx.getLocal(KEY);
            if (v != null) {
                return v.toString();
            }
        }
        Object mdc = MDC.get(KEY);
        return mdc == null ? null : mdc.toString();
    }
}
