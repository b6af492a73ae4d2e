package cn.resettle.common.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * {@code /q/health/group/outbox}: how many committed events are waiting for the broker, how old the oldest is,
 * how many delivery attempts failed and why. DOWN when the oldest waits longer than
 * {@code resettle.outbox.alert-after} (default 5 minutes). A group of its own, so a broker outage never takes
 * the service out of the load balancer: requests are still accepted and their events wait in the outbox.
 * {@code parked} counts rows the broker can never take (too large, invalid); they are listed and retried through
 * {@code /api/<domain>/ops/outbox/parked} and do not hold the others back.
 */
@HealthGroup("outbox")
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    EntityManager em;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "resettle.outbox.alert-after", defaultValue = "PT5M")
    Duration alertAfter;

    @Override
    public HealthCheckResponse call() {
        Object[] r = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select count(*) filter (where parked_at is null), coalesce(sum(attempts) filter (where parked_at is null), 0), "
                        + "min(occurred_at) filter (where parked_at is null), max(last_error) filter (where parked_at is null), "
                        + "count(*) filter (where parked_at is not null), max(park_reason) "
                        + "from outbox_event where sent_at is null").getSingleResult());
        long pending = ((Number) r[0]).longValue();
        long failedAttempts = ((Number) r[1]).longValue();
        OffsetDateTime oldest = r[2] == null ? null : r[2] instanceof OffsetDateTime t ? t
                : ((java.time.Instant) r[2]).atOffset(java.time.ZoneOffset.UTC);
        long oldestSeconds = oldest == null ? 0 : Duration.between(oldest, OffsetDateTime.now()).toSeconds();
        var b = HealthCheckResponse.named("outbox")
                .status(oldestSeconds < alertAfter.toSeconds())
                .withData("pending", pending)
                .withData("failedAttempts", failedAttempts)
                .withData("oldestPendingSeconds", oldestSeconds);
        if (r[3] != null) {
            b.withData("lastError", r[3].toString());
        }
        b.withData("parked", ((Number) r[4]).longValue());
        if (r[5] != null) {
            b.withData("parkedReason", r[5].toString());
        }
        return b.build();
    }
}
