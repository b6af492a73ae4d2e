package cn.resettle.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {
    /**
     * Backend base URL per domain: {@code /api/<domain>/**} goes to {@code routes.<domain>}.
     * Set with GATEWAY_ROUTES_COMMUNITY=http://community-service:8080 and so on.
     */
    Map<String, String> routes();

    /** Time a backend has to answer its readiness probe before the gateway reports it DOWN. */
    @WithDefault("2s")
    Duration healthTimeout();

    Timeouts timeouts();

    RateLimit rateLimit();

    interface Timeouts {
        /** Time to open a connection to a backend; after it the caller gets 503 backend-unavailable. */
        @WithDefault("2s")
        Duration connect();

        /**
         * Time a backend has to start its answer once the request (with its whole body) has reached it; after it the
         * caller gets 504 backend-timeout. Uploads are not cut short: the clock starts when the body has been sent.
         */
        @WithDefault("60s")
        Duration response();

        /** A pooled or busy backend connection with no byte either way for this long is closed. */
        @WithDefault("60s")
        Duration idle();
    }

    /**
     * Requests per caller (the token's {@code sub}): a token bucket per subject in each gateway replica's memory, so
     * with N replicas behind a load balancer one caller gets up to N times the rate. 0 turns the limit off.
     */
    interface RateLimit {
        /** Sustained requests per second per subject. */
        @WithDefault("50")
        double perSecond();

        /** Requests a subject may send at once before the sustained rate applies. */
        @WithDefault("100")
        int burst();
    }
}
