package cn.resettle.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The gateway is ready when every service behind it is ready; the answer names each one's state. */
@Readiness
@ApplicationScoped
public class BackendsHealthCheck implements HealthCheck {

    @Inject
    Backends backends;
    @Inject
    GatewayConfig config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(1)).build();

    @Override
    public HealthCheckResponse call() {
        Map<String, CompletableFuture<String>> states = backends.all().values().stream().collect(Collectors.toMap(
                Backends.Backend::domain,
                b -> http.sendAsync(HttpRequest.newBuilder(URI.create(b.uri() + "/q/health/ready"))
                                .timeout(config.healthTimeout()).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .thenApply(r -> r.statusCode() == 200 ? "UP" : "DOWN (" + r.statusCode() + ")")
                        .exceptionally(e -> "DOWN (unreachable)")));
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("backends").up();
        states.forEach((domain, f) -> {
            String state = f.join();
            builder.withData(domain, state);
            if (!state.equals("UP")) {
                builder.down();
            }
        });
        return builder.build();
    }
}
