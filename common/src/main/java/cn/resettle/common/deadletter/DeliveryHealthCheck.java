package cn.resettle.common.deadletter;

import cn.resettle.common.inbox.ConsumerStalls;
import cn.resettle.common.inbox.FailureClassifier;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * Readiness {@code event-delivery}: DOWN while a consumer cannot apply its current event because the database or
 * broker is failing (it retries without moving on). Shows the dead letters waiting for an operator
 * ({@code deadLetters}), the events waiting for a fact that has not arrived ({@code deferred}) and outbox rows the
 * broker refused for good ({@code outboxParked}); those need attention but do not take the service out of service.
 */
@Readiness
@ApplicationScoped
public class DeliveryHealthCheck implements HealthCheck {

    @Inject
    ConsumerStalls stalls;
    @Inject
    EntityManager em;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("event-delivery");
        boolean up = true;
        for (var e : stalls.current().entrySet()) {
            up = false;
            b.withData("stalled." + e.getKey(), "since " + Duration.between(e.getValue().since(), Instant.now()).toSeconds()
                    + " s, " + e.getValue().attempts() + " attempts: " + e.getValue().reason());
        }
        try {
            Object[] r = QuarkusTransaction.requiringNew().timeout(10).call(() -> (Object[]) em.createNativeQuery(
                    "select (select count(*) from dead_letter where status = 'PENDING'), (select count(*) from deferred_event), "
                            + "(select count(*) from outbox_event where parked_at is not null and sent_at is null)")
                    .getSingleResult());
            b.withData("deadLetters", ((Number) r[0]).longValue());
            b.withData("deferred", ((Number) r[1]).longValue());
            b.withData("outboxParked", ((Number) r[2]).longValue());
        } catch (RuntimeException e) {
            up = false;
            b.withData("database", FailureClassifier.reason(e));
        }
        return b.status(up).build();
    }
}
