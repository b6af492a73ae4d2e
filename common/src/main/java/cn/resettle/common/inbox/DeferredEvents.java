package cn.resettle.common.inbox;

import cn.resettle.common.deadletter.DeadLetters;
import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Events that arrived before the facts they need ({@link NotYetKnownException}). They are kept in
 * {@code deferred_event} (not recorded in the inbox, so they can still be applied once), tried again as soon as an
 * event about what they wait for has been applied, and otherwise with backoff (2 s doubling up to 1 min). One
 * still not applicable after {@code resettle.inbox.deferred-max-age} becomes a dead letter with that reason.
 */
@ApplicationScoped
public class DeferredEvents {

    private static final Logger LOG = Logger.getLogger(DeferredEvents.class);

    @Inject
    EntityManager em;
    @Inject
    EventCodec codec;
    @Inject
    IdempotentConsumer inbox;
    @Inject
    IdempotentConsumer.InboxConfig config;
    @Inject
    InboxHandlers handlers;
    @Inject
    DeadLetters deadLetters;

    /**
     * Whether there may be deferred rows (refreshed every tick); spares every applied event a query when there are
     * none. Across replicas it may lag a tick: the scheduled retry still finds every due row.
     */
    private final AtomicBoolean present = new AtomicBoolean(true);

    void onStart(@Observes StartupEvent ev) {
        present.set(true);
    }

    void defer(String channel, EventEnvelope event, NotYetKnownException why) {
        present.set(true);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into deferred_event (event_id, channel, event_type, subject, waiting_for, payload, reason,
                          deferred_at, attempts, next_attempt_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, now(), 1, now() + interval '2 seconds')
                        on conflict (event_id) do nothing""")
                .setParameter(1, event.id()).setParameter(2, channel).setParameter(3, event.type())
                .setParameter(4, event.subject()).setParameter(5, why.waitingFor()).setParameter(6, codec.write(event))
                .setParameter(7, FailureClassifier.reason(why)).executeUpdate());
        LOG.infof("%s: event %s (%s) waits for %s; deferred", channel, event.id(), event.type(), why.waitingFor());
    }

    /** Inside the transaction of an applied event: deferred events waiting for its subject become due now. */
    void factArrived(String subject) {
        if (subject == null || !present.get()) {
            return;
        }
        em.createNativeQuery("update deferred_event set next_attempt_at = now() where waiting_for = ?1")
                .setParameter(1, subject).executeUpdate();
    }

    /** The same for the subjects of a batch of applied events, in one statement. */
    void factsArrived(List<String> subjects) {
        if (subjects.isEmpty() || !present.get()) {
            return;
        }
        em.createNativeQuery("update deferred_event set next_attempt_at = now() where waiting_for = any(cast(?1 as text[]))")
                .setParameter(1, "{" + String.join(",", subjects.stream()
                        .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList()) + "}")
                .executeUpdate();
    }

    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from deferred_event").getSingleResult()).longValue();
    }

    @Scheduled(every = "${resettle.inbox.deferred-poll:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDue() {
        // always looked at (one indexed query per tick): another replica may have deferred events
        List<Object[]> due;
        try {
            due = QuarkusTransaction.requiringNew().call(() -> due());
        } catch (RuntimeException e) {
            LOG.debugf("deferred events: %s", FailureClassifier.reason(e));
            return;
        }
        if (due.isEmpty()) {
            Number left = QuarkusTransaction.requiringNew().call(() ->
                    (Number) em.createNativeQuery("select count(*) from deferred_event").getSingleResult());
            present.set(left.longValue() > 0);
            return;
        }
        present.set(true);
        for (Object[] r : due) {
            if (!retry((UUID) r[0], (String) r[1], (String) r[2], toOffset(r[3]), ((Number) r[4]).intValue())) {
                return; // the infrastructure is failing: try again on the next tick
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> due() {
        return em.createNativeQuery("select event_id, channel, payload, deferred_at, attempts from deferred_event "
                + "where next_attempt_at <= now() order by deferred_at limit 100").getResultList();
    }

    private boolean retry(UUID id, String channel, String payload, OffsetDateTime deferredAt, int attempts) {
        InboxHandler handler = handlers.byChannel(channel).orElse(null);
        EventEnvelope event = codec.read(payload);
        if (handler == null) {
            LOG.warnf("deferred event %s: no handler for channel %s", id, channel);
            return true;
        }
        Runnable delete = () -> em.createNativeQuery("delete from deferred_event where event_id = ?1")
                .setParameter(1, id).executeUpdate();
        try {
            inbox.applyNow(handler, event, delete);
            LOG.infof("%s: deferred event %s (%s) applied after %d attempts", channel, id, event.type(), attempts);
            return true;
        } catch (RuntimeException e) {
            FailureClassifier.Kind kind = FailureClassifier.classify(e);
            String reason = FailureClassifier.reason(e);
            if (kind == FailureClassifier.Kind.INFRASTRUCTURE) {
                LOG.debugf("deferred event %s: %s", id, reason);
                return false;
            }
            boolean expired = deferredAt.plus(config.deferredMaxAge()).isBefore(OffsetDateTime.now(ZoneOffset.UTC));
            if (kind == FailureClassifier.Kind.NOT_YET_KNOWN && !expired) {
                long delayMs = Math.min(60_000L, 2_000L << Math.min(attempts, 5));
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update deferred_event set attempts = attempts + 1, "
                                + "next_attempt_at = now() + (?2 * interval '1 millisecond'), reason = ?3 where event_id = ?1")
                        .setParameter(1, id).setParameter(2, delayMs).setParameter(3, reason).executeUpdate());
                return true;
            }
            String why = kind == FailureClassifier.Kind.NOT_YET_KNOWN
                    ? "prerequisite not arrived within " + config.deferredMaxAge() + ": " + reason : reason;
            QuarkusTransaction.requiringNew().run(() -> {
                deadLetters.store(channel, null, event, payload, why);
                delete.run();
            });
            LOG.errorf("%s: deferred event %s (%s) dead-lettered: %s", channel, id, event.type(), why);
            return true;
        }
    }

    private static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

}
