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
}
