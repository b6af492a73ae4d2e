package cn.resettle.common.inbox;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.inbox.FailureClassifier.Kind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Applies an incoming event at most once, and never gives up on it because of the infrastructure.
 * <p>
 * The event id goes into {@code inbox_event} in the same transaction as the effect; a repeat (redelivery after a
 * crash, a duplicate publish by the relay, a replayed dead letter) finds the id and is skipped. When the effect
 * fails, {@link FailureClassifier} decides:
 * <ul>
 * <li>infrastructure (database unreachable, pool timeout, lock conflict, broker unavailable): retried with capped
 * exponential backoff for as long as it takes. The method does not return, so the channel does not move on and the
 * offset is not committed; {@link ConsumerStalls} makes readiness DOWN meanwhile. A failure that looks permanent
 * while the database does not answer a probe counts as infrastructure.</li>
 * <li>not known yet ({@link NotYetKnownException}): the event is kept in {@code deferred_event} and applied later
 * ({@link DeferredEvents}); the channel moves on.</li>
 * <li>malformed: dead-lettered at once; permanent (reproduces {@code max-attempts} times with the database up):
 * dead-lettered. The exception thrown to SmallRye carries only a sanitised reason and no cause, so the
 * {@code dead-letter-reason} header holds no personal data and no {@code dead-letter-cause} header is written.</li>
 * </ul>
 * <b>Batches</b> ({@link #consumeBatch}): a channel with {@code batch=true} hands over each poll (up to
 * {@code max.poll.records}, in offset order per partition). The batch is applied in one transaction: one inbox
 * insert for all its event ids (an id already in the inbox, or twice in the batch, is applied once), then the
 * effects in record order. An infrastructure failure retries the whole batch as above (nothing committed, the
 * offsets not either, readiness DOWN). Any other failure rolls the batch back and it is applied in pieces: the
 * events before the failing one in one transaction, the failing one alone under the rules above (deferred,
 * retried, dead-lettered by {@link DeadLetterPublisher}), then the rest as a batch again, so a poison record
 * never takes its batch-mates down with it.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    @ConfigMapping(prefix = "resettle.inbox")
    public interface InboxConfig {
        /** Attempts before a failure of the event itself is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between attempts while the infrastructure is failing. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** How often deferred events that are due are tried again. */
        @WithDefault("2s")
        Duration deferredPoll();

        /** A deferred event whose prerequisite has not arrived after this long is dead-lettered. */
        @WithDefault("P1D")
        Duration deferredMaxAge();
    }

    @Inject
    EntityManager em;
    @Inject
    EventCodec codec;
    @Inject
    InboxConfig config;
    @Inject
    ConsumerStalls stalls;
    @Inject
    DeferredEvents deferred;
    @Inject
    DeadLetterPublisher deadLetterPublisher;
    @Inject
    cn.resettle.common.metrics.DeliveryMetrics metrics;
    @Inject
    cn.resettle.common.tracing.EventTracing tracing;

    /**
     * The spans of the batch this thread is applying, by event id (see {@link #consumeBatch}); the effect of an
     * event runs with its span current, so outbox rows it writes continue the event's trace.
     */
    private static final ThreadLocal<Map<UUID, io.opentelemetry.api.trace.Span>> SPANS = new ThreadLocal<>();

    private volatile boolean shuttingDown;

    void onStop(@Observes ShutdownEvent ev) {
        shuttingDown = true;
    }

    /** Parses the record and applies it through the handler; returns true if applied, false if repeat/deferred. */
    public boolean consume(InboxHandler handler, String recordValue) {
        EventEnvelope event;
        try {
            event = codec.read(recordValue);
        } catch (RuntimeException e) {
            LOG.errorf("%s: unreadable record dead-lettered: %s", handler.channel(), FailureClassifier.reason(e));
            throw new EventRejectedException("malformed event: " + FailureClassifier.reason(e));
        }
        return consume(handler, event);
    }

    /** For callers without a handler (no deferral possible): parse, de-duplicate, apply. */
    public boolean consume(String recordValue, Consumer<EventEnvelope> effect) {
        return consume(anonymous(effect), recordValue);
    }

    public boolean consume(EventEnvelope event, Consumer<EventEnvelope> effect) {
        return consume(anonymous(effect), event);
    }

    private static InboxHandler anonymous(Consumer<EventEnvelope> effect) {
        return new InboxHandler() {
            @Override
            public String channel() {
                return "inbox";
            }

            @Override
            public void apply(EventEnvelope event) {
                effect.accept(event);
            }
        };
    }

    public boolean consume(InboxHandler handler, EventEnvelope event) {
        String channel = handler.channel();
        long backoff = config.initialBackoff().toMillis();
        int eventFailures = 0;
        for (int attempt = 1; ; attempt++) {
            Kind kind;
            RuntimeException failure;
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> applyOnce(event, handler::apply));
                stalls.recovered(channel);
                if (applied) {
                    metrics.applied(channel, 1);
                }
                return applied;
            } catch (RuntimeException e) {
                failure = e;
                kind = FailureClassifier.classify(e);
            }
            if (kind == Kind.NOT_YET_KNOWN) {
                try {
                    deferred.defer(channel, event, notYetKnown(failure));
                    stalls.recovered(channel);
                    return false;
                } catch (RuntimeException e) {
                    failure = e;
                    kind = FailureClassifier.classify(e);
                }
            }
            String reason = FailureClassifier.reason(failure);
            if (kind == Kind.MALFORMED) {
                LOG.errorf("%s: event %s (%s) is malformed, dead-lettered: %s", channel, event.id(), event.type(), reason);
                stalls.recovered(channel);
                throw new EventRejectedException("malformed event: " + reason);
            }
            if (kind == Kind.PERMANENT && !databaseAnswers()) {
                kind = Kind.INFRASTRUCTURE;
            }
            if (kind == Kind.PERMANENT) {
                eventFailures++;
                if (eventFailures >= config.maxAttempts()) {
                    LOG.errorf("%s: event %s (%s) failed %d times with the database up, dead-lettered: %s", channel,
                            event.id(), event.type(), eventFailures, reason);
                    stalls.recovered(channel);
                    throw new EventRejectedException("failed " + eventFailures + " times: " + reason);
                }
                LOG.warnf("%s: event %s (%s) attempt %d failed, retrying in %d ms: %s", channel, event.id(),
                        event.type(), attempt, backoff, reason);
            } else {
                stalls.failed(channel, reason);
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warnf("%s: cannot apply event %s (%s), infrastructure failing (attempt %d), retrying in %d ms "
                            + "without moving on: %s", channel, event.id(), event.type(), attempt, backoff, reason);
                }
            }
            pause(backoff);
            backoff = Math.min(Math.max(backoff * 2, 100), config.maxBackoff().toMillis());
        }
    }

    /**
     * Applies one polled batch of a {@code batch=true} channel (see the class comment). Returns when every record
     * is applied, skipped as a repeat, deferred or dead-lettered; only then may the connector commit the offsets.
     * Never throws for a bad record (it is dead-lettered here), so the connector's own failure strategy, which
     * would dead-letter the whole batch, is never invoked.
     */
    public void consumeBatch(InboxHandler handler, Iterable<ConsumerRecord<String, String>> records) {
        String channel = handler.channel();
        List<Parsed> parsed = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                parsed.add(new Parsed(r, codec.read(r.value())));
            } catch (RuntimeException e) {
                String reason = FailureClassifier.reason(e);
                LOG.errorf("%s: unreadable record %s-%d@%d dead-lettered: %s", channel, r.topic(), r.partition(),
                        r.offset(), reason);
                deadLetterPublisher.publish(channel, r, "malformed event: " + reason);
            }
        }
        // one span per record, continuing the trace its producer put in the `traceparent` header; it lasts until the
        // batch holding the record is applied (a batch's records commit together)
        Map<UUID, io.opentelemetry.api.trace.Span> spans = new java.util.HashMap<>();
        for (Parsed p : parsed) {
            spans.putIfAbsent(p.event().id(), tracing.startApply(channel, p.event().type(), p.record(), parsed.size()));
        }
        SPANS.set(spans);
        try {
            applyInPieces(handler, parsed);
        } finally {
            SPANS.remove();
            spans.values().forEach(s -> cn.resettle.common.tracing.EventTracing.end(s, null));
        }
    }

    /** Runs an event's effect with its span (if it came in a traced batch) as the current one. */
    private static void inSpan(EventEnvelope event, Consumer<EventEnvelope> effect) {
        Map<UUID, io.opentelemetry.api.trace.Span> spans = SPANS.get();
        io.opentelemetry.api.trace.Span span = spans == null ? null : spans.get(event.id());
        if (span == null) {
            effect.accept(event);
            return;
        }
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            effect.accept(event);
        }
    }

    private record Parsed(ConsumerRecord<String, String> record, EventEnvelope event) {
    }

    private void applyInPieces(InboxHandler handler, List<Parsed> batch) {
        int from = 0;
        while (from < batch.size()) {
            List<Parsed> rest = batch.subList(from, batch.size());
            if (rest.size() == 1) {
                consumeAlone(handler, rest.get(0));
                return;
            }
            int failedAt = applyBatchRetrying(handler, rest);
            if (failedAt < 0) {
                return;
            }
            if (failedAt >= rest.size()) {
                // the batch failed as a whole (a set-based handler, or at commit): one by one
                LOG.infof("%s: batch of %d failed, applying its events one by one", handler.channel(), rest.size());
                rest.forEach(p -> consumeAlone(handler, p));
                return;
            }
            LOG.infof("%s: event %d of a batch of %d failed, applying it alone", handler.channel(), failedAt + 1, rest.size());
            if (failedAt > 0 && applyBatchRetrying(handler, rest.subList(0, failedAt)) >= 0) {
                rest.subList(0, failedAt).forEach(p -> consumeAlone(handler, p));
            }
            consumeAlone(handler, rest.get(failedAt));
            from += failedAt + 1;
        }
    }

    /** One event under the single-event rules; a rejected one goes to the dead-letter topic. */
    private void consumeAlone(InboxHandler handler, Parsed p) {
        try {
            consume(handler, p.event());   // counts itself in resettle_events_applied_total
        } catch (EventRejectedException e) {
            deadLetterPublisher.publish(handler.channel(), p.record(), e.getMessage());
        }
    }

    /**
     * Applies the events in one transaction, retrying while the infrastructure fails. Returns -1 when committed,
     * otherwise the index of the event whose effect failed (the size of the list when that is not known).
     */
    private int applyBatchRetrying(InboxHandler handler, List<Parsed> batch) {
        String channel = handler.channel();
        List<EventEnvelope> events = batch.stream().map(Parsed::event).toList();
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            int[] at = {events.size()};
            RuntimeException failure;
            try {
                int applied = QuarkusTransaction.requiringNew().call(() -> applyBatchOnce(handler, events, at));
                stalls.recovered(channel);
                metrics.applied(channel, applied);
                return -1;
            } catch (RuntimeException e) {
                failure = e;
            }
            Kind kind = FailureClassifier.classify(failure);
            if (kind != Kind.INFRASTRUCTURE && databaseAnswers()) {
                return at[0];
            }
            String reason = FailureClassifier.reason(failure);
            stalls.failed(channel, reason);
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warnf("%s: cannot apply a batch of %d events, infrastructure failing (attempt %d), retrying in %d ms "
                        + "without moving on: %s", channel, events.size(), attempt, backoff, reason);
            }
            pause(backoff);
            backoff = Math.min(Math.max(backoff * 2, 100), config.maxBackoff().toMillis());
        }
    }

    /** Inside the transaction: records the new event ids, applies their effects; returns how many were new. */
    @SuppressWarnings("unchecked")
    int applyBatchOnce(InboxHandler handler, List<EventEnvelope> events, int[] failedAt) {
        Map<UUID, EventEnvelope> unique = new LinkedHashMap<>();
        for (EventEnvelope e : events) {
            unique.putIfAbsent(e.id(), e);
        }
        StringBuilder sql = new StringBuilder("insert into inbox_event (event_id, event_type, source, subject) values ");
        int i = 0;
        for (EventEnvelope e : unique.values()) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(4 * i + 1).append(", ?").append(4 * i + 2)
                    .append(", ?").append(4 * i + 3).append(", ?").append(4 * i + 4).append(')');
            i++;
        }
        sql.append(" on conflict (event_id) do nothing returning event_id");
        var q = em.createNativeQuery(sql.toString());
        i = 0;
        for (EventEnvelope e : unique.values()) {
            q.setParameter(4 * i + 1, e.id()).setParameter(4 * i + 2, e.type()).setParameter(4 * i + 3, e.source())
                    .setParameter(4 * i + 4, e.subject());
            i++;
        }
        Set<Object> fresh = new HashSet<>(q.getResultList());
        List<EventEnvelope> toApply = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Set<UUID> taken = new HashSet<>();
        for (int k = 0; k < events.size(); k++) {
            EventEnvelope e = events.get(k);
            if (fresh.contains(e.id()) && taken.add(e.id())) {
                toApply.add(e);
                positions.add(k);
            }
        }
        if (toApply.isEmpty()) {
            return 0;
        }
        if (handler.appliesInBatches()) {
            handler.applyAll(toApply);
        } else {
            for (int k = 0; k < toApply.size(); k++) {
                failedAt[0] = positions.get(k);
                inSpan(toApply.get(k), handler::apply);
            }
        }
        failedAt[0] = events.size();
        em.flush();
        deferred.factsArrived(toApply.stream().map(EventEnvelope::subject).filter(java.util.Objects::nonNull)
                .distinct().toList());
        return toApply.size();
    }

    /**
     * Applies an event now, in one transaction with {@code alsoInTransaction} (used by deferred re-application and
     * dead-letter replay). Throws what the effect throws; returns false if the event had been applied before.
     */
    public boolean applyNow(InboxHandler handler, EventEnvelope event, Runnable alsoInTransaction) {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean applied = applyOnce(event, handler::apply);
            alsoInTransaction.run();
            return applied;
        });
    }

    /** Keeps an event whose prerequisite is missing in the deferred table (used by dead-letter replay). */
    public void defer(InboxHandler handler, EventEnvelope event, NotYetKnownException why) {
        deferred.defer(handler.channel(), event, why);
    }

    private static NotYetKnownException notYetKnown(Throwable t) {
        for (Throwable c : FailureClassifier.chain(t)) {
            if (c instanceof NotYetKnownException n) {
                return n;
            }
        }
        throw new IllegalStateException("not a NotYetKnownException", t);
    }

    private void pause(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
        while (shuttingDown) {
            // never acknowledge (offset commit) nor dead-letter an event we could not apply: hold the thread until
            // the process exits; the next owner of the partition starts from this event
            LockSupport.parkNanos(1_000_000_000L);
        }
    }

    private boolean databaseAnswers() {
        try {
            QuarkusTransaction.requiringNew().timeout(10).call(() -> em.createNativeQuery("select 1").getSingleResult());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean applyOnce(EventEnvelope event, Consumer<EventEnvelope> effect) {
        int inserted = em.createNativeQuery("insert into inbox_event (event_id, event_type, source, subject) "
                        + "values (?1, ?2, ?3, ?4) on conflict (event_id) do nothing")
                .setParameter(1, event.id()).setParameter(2, event.type())
                .setParameter(3, event.source()).setParameter(4, event.subject())
                .executeUpdate();
        if (inserted == 0) {
            LOG.debugf("event %s already applied, skipped", event.id());
            return false;
        }
        inSpan(event, effect);
        em.flush();
        deferred.factArrived(event.subject());
        return true;
    }

    /** The record is dead-lettered; the message is the sanitised reason and there is deliberately no cause. */
    public static class EventRejectedException extends RuntimeException {
        public EventRejectedException(String message) {
            super(message, null, false, false);
        }

        /** @deprecated the cause would put its message (possibly with personal data) into the DLQ headers */
        @Deprecated
        public EventRejectedException(String message, Throwable cause) {
            this(message);
        }
    }
}
