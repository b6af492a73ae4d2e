package cn.resettle.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of event delivery and personal-data audit, served at {@code /q/metrics} beside Quarkus's own
 * (HTTP latency by route template, JVM, connection pool, Kafka clients).
 * <ul>
 * <li>{@code resettle_outbox_pending}, {@code resettle_outbox_oldest_pending_seconds}: committed events the broker
 * has not yet acknowledged and the age of the oldest (the alert "outbox age" reads this);</li>
 * <li>{@code resettle_outbox_parked}: rows the broker can never take, waiting for an operator;</li>
 * <li>{@code resettle_dead_letters_pending{channel}}: dead letters not yet replayed or discarded;</li>
 * <li>{@code resettle_deferred_events}: events waiting for something they refer to;</li>
 * <li>{@code resettle_events_applied_total{channel}}, {@code resettle_events_published_total}: apply and
 * publish rates;</li>
 * <li>{@code resettle_audit_writes_total{action,unmasked}}: audit rows written.</li>
 * </ul>
 * The database figures are read every {@code resettle.metrics.refresh} (15 s) by one query each, not at scrape
 * time, so a scrape never waits on the database and a slow database never makes the scrape time out.
 * No metric carries a household, a person or any other personal value as a label.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);

    @Inject
    MeterRegistry registry;
    @Inject
    EntityManager em;

    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxOldestSeconds = new AtomicLong();
    private final AtomicLong outboxParked = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> applied = new ConcurrentHashMap<>();
    private final Map<String, Counter> audits = new ConcurrentHashMap<>();
    private Counter published;

    void start(@Observes StartupEvent ev) {
        Gauge.builder("resettle.outbox.pending", outboxPending, AtomicLong::get)
                .description("committed events not yet acknowledged by the broker").register(registry);
        Gauge.builder("resettle.outbox.oldest.pending.seconds", outboxOldestSeconds, AtomicLong::get)
                .description("age of the oldest event waiting for the broker").baseUnit("seconds").register(registry);
        Gauge.builder("resettle.outbox.parked", outboxParked, AtomicLong::get)
                .description("outbox rows the broker refused for good, waiting for an operator").register(registry);
        Gauge.builder("resettle.deferred.events", deferred, AtomicLong::get)
                .description("consumed events waiting for the record they refer to").register(registry);
        published = Counter.builder("resettle.events.published")
                .description("events the relay published and the broker acknowledged").register(registry);
        refresh();
    }

    /** The consumer on {@code channel} applied {@code n} events (duplicates it skipped are not counted). */
    public void applied(String channel, int n) {
        applied.computeIfAbsent(channel, c -> Counter.builder("resettle.events.applied").tag("channel", c)
                .description("consumed events applied (first delivery; duplicates skipped are not counted)")
                .register(registry)).increment(n);
    }

    /** The relay got the broker's acknowledgement for {@code n} events. */
    public void published(int n) {
        if (published != null) {
            published.increment(n);
        }
    }

    public void auditWritten(String action, boolean unmasked) {
        audits.computeIfAbsent(action + "/" + unmasked, k -> Counter.builder("resettle.audit.writes")
                .tag("action", action).tag("unmasked", Boolean.toString(unmasked))
                .description("personal-data audit rows written").register(registry)).increment();
    }

    @Scheduled(every = "${resettle.metrics.refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Object[] o = (Object[]) em.createNativeQuery(
                        "select count(*) filter (where parked_at is null), "
                                + "coalesce(extract(epoch from now() - min(occurred_at) filter (where parked_at is null)), 0), "
                                + "count(*) filter (where parked_at is not null) from outbox_event where sent_at is null")
                        .getSingleResult();
                outboxPending.set(((Number) o[0]).longValue());
                outboxOldestSeconds.set(((Number) o[1]).longValue());
                outboxParked.set(((Number) o[2]).longValue());
                deferred.set(((Number) em.createNativeQuery("select count(*) from deferred_event").getSingleResult()).longValue());
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery(
                        "select coalesce(channel, '-'), count(*) from dead_letter where status = 'PENDING' group by 1").getResultList();
                deadLetters.values().forEach(v -> v.set(0));
                for (Object[] r : rows) {
                    deadLetters.computeIfAbsent((String) r[0], c -> {
                        AtomicLong v = new AtomicLong();
                        Gauge.builder("resettle.dead.letters.pending", v, AtomicLong::get).tag("channel", c)
                                .description("dead letters waiting to be replayed or discarded").register(registry);
                        return v;
                    }).set(((Number) r[1]).longValue());
                }
            });
        } catch (RuntimeException e) {
            // the database is down: the figures keep their last value; readiness and the outbox health group say why
            LOG.debugf("delivery metrics not refreshed: %s", e.getClass().getSimpleName());
        }
    }
}
