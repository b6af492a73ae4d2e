package cn.resettle.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server standing in for monitoring-service behind the gateway under test: {@code /api/monitoring/slow}
 * never answers, {@code /api/monitoring/upload} reads the whole body and answers how many bytes arrived, anything
 * else answers 200 at once. The other domains stay on a closed port (nothing listening).
 */
public class BackendStub implements QuarkusTestResourceLifecycleManager {

    /** Bytes of request bodies that reached the stub in full. */
    static final AtomicLong RECEIVED = new AtomicLong();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(req -> {
                switch (req.path()) {
                    case "/api/monitoring/slow" -> req.pause(); // hangs: never answers
                    case "/api/monitoring/upload" -> req.body().onSuccess(b -> {
                        RECEIVED.addAndGet(b.length());
                        req.response().putHeader("Content-Type", "application/json").end("{\"bytes\":" + b.length() + "}");
                    });
                    default -> req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
                }
            }).listen(0, "localhost").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("gateway.routes.monitoring", "http://localhost:" + server.actualPort());
        } catch (Exception e) {
            throw new IllegalStateException("backend stub did not start", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
