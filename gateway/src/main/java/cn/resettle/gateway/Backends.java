package cn.resettle.gateway;

import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/** The services behind the gateway, from configuration. */
@ApplicationScoped
public class Backends {

    public record Backend(String domain, URI uri) {
        public SocketAddress address() {
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            return SocketAddress.inetSocketAddress(port, uri.getHost());
        }
    }

    private final Map<String, Backend> byDomain = new TreeMap<>();

    @Inject
    public Backends(GatewayConfig config) {
        config.routes().forEach((domain, url) -> byDomain.put(domain, new Backend(domain, URI.create(url))));
    }

    public Backend forDomain(String domain) {
        return byDomain.get(domain);
    }

    public Map<String, Backend> all() {
        return byDomain;
    }
}
