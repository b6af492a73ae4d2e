package cn.resettle.common.deadletter;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.inbox.FailureClassifier;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import cn.resettle.common.inbox.InboxHandlers;
import cn.resettle.common.inbox.NotYetKnownException;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The service's dead letters, kept in {@code dead_letter}: every record its consumers sent to the DLQ topic
 * (stored by {@link DeadLetterConsumer}) and every deferred event whose prerequisite never arrived. Operators list
 * them (without the payload, which holds personal data) and replay them after a fix: a replay goes through the same
 * inbox, so an event that had been applied meanwhile, or is replayed twice, is applied once.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    public enum Status { PENDING, REPLAYED, DEFERRED }

    public record DeadLetterView(long id, UUID eventId, String eventType, String subject, String channel,
                                 String sourceTopic, Integer sourcePartition, Long sourceOffset, String reason,
                                 OffsetDateTime receivedAt, Status status, OffsetDateTime replayedAt, String replayedBy,
                                 String replayResult, int payloadBytes) {
    }

    public record ReplaySummary(int replayed, int alreadyApplied, int deferred, int failed, List<DeadLetterView> failures) {
    }

    @Inject
    EntityManager em;
    @Inject
    EventCodec codec;
    @Inject
    InboxHandlers handlers;
    @Inject
    IdempotentConsumer inbox;

    /** Stores one dead letter (inside the caller's transaction); a DLQ record seen twice is stored once. */
    public void store(String channel, String sourceTopic, EventEnvelope event, String payload, String reason) {
        store(channel, sourceTopic, null, null, null, null, event, payload, reason);
    }

    public void store(String channel, String sourceTopic, Integer sourcePartition, Long sourceOffset, Integer dlqPartition,
                      Long dlqOffset, EventEnvelope event, String payload, String reason) {
        em.createNativeQuery("""
                        insert into dead_letter (event_id, event_type, subject, channel, source_topic, source_partition,
                          source_offset, dlq_partition, dlq_offset, reason, payload, received_at, status)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, now(), 'PENDING')
                        on conflict do nothing""")
                .setParameter(1, event == null ? null : event.id())
                .setParameter(2, event == null ? null : truncate(event.type(), 128))
                .setParameter(3, event == null ? null : truncate(event.subject(), 64))
                .setParameter(4, channel).setParameter(5, sourceTopic).setParameter(6, sourcePartition)
                .setParameter(7, sourceOffset).setParameter(8, dlqPartition).setParameter(9, dlqOffset)
                .setParameter(10, truncate(FailureClassifier.sanitize(reason), 500)).setParameter(11, payload == null ? "" : payload)
                .executeUpdate();
    }

    public long pending() {
        return ((Number) em.createNativeQuery("select count(*) from dead_letter where status = 'PENDING'")
                .getSingleResult()).longValue();
    }

    private static final String COLUMNS = "id, event_id, event_type, subject, channel, source_topic, source_partition, "
            + "source_offset, reason, received_at, status, replayed_at, replayed_by, replay_result, octet_length(payload)";

    @SuppressWarnings("unchecked")
    public PageResult<DeadLetterView> list(Status status, String eventType, PageRequest page) {
        return QuarkusTransaction.requiringNew().call(() -> {
            return cn.resettle.common.web.ListQuery.where("true")
                    .and("status = :status", "status", status == null ? null : status.name())
                    .and("event_type = :type", "type", eventType)
                    .nativePage(em, COLUMNS, "dead_letter", "id", page, t -> view(t.toArray()));
        });
    }

    public DeadLetterView get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> find(id));
    }

    @SuppressWarnings("unchecked")
    private DeadLetterView find(long id) {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from dead_letter where id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw DomainException.notFound("dead letter", id);
        }
        return view(rows.get(0));
    }

    /**
     * Applies a dead letter again through the inbox. PENDING becomes REPLAYED (applied now or already applied) or
     * DEFERRED (its prerequisite is still missing; the deferred table takes over). A replay that fails again leaves
     * it PENDING with the new reason and answers 422; replaying a REPLAYED one changes nothing.
     */
    public DeadLetterView replay(long id, String actor) {
        DeadLetterView dl = get(id);
        if (dl.status() != Status.PENDING) {
            return dl;
        }
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select payload from dead_letter where id = ?1").setParameter(1, id).getSingleResult());
        InboxHandler handler = (dl.channel() != null ? handlers.byChannel(dl.channel()) : java.util.Optional.<InboxHandler>empty())
                .or(() -> dl.sourceTopic() == null ? java.util.Optional.empty() : handlers.byTopic(dl.sourceTopic()))
                .orElseThrow(() -> DomainException.unprocessable("no-consumer",
                        "no consumer of this service reads topic " + dl.sourceTopic()));
        EventEnvelope event;
        try {
            event = codec.read(payload);
        } catch (RuntimeException e) {
            return failed(id, actor, FailureClassifier.reason(e));
        }
        try {
            boolean applied = inbox.applyNow(handler, event, () -> {
            });
            mark(id, Status.REPLAYED, actor, applied ? "applied" : "already applied");
            LOG.infof("dead letter %d (event %s, %s) replayed by %s: %s", id, event.id(), event.type(), actor,
                    applied ? "applied" : "already applied");
            return get(id);
        } catch (RuntimeException e) {
            FailureClassifier.Kind kind = FailureClassifier.classify(e);
            if (kind == FailureClassifier.Kind.INFRASTRUCTURE) {
                throw new DomainException(503, "infrastructure-unavailable", "暂时无法重放 Cannot replay now",
                        "the service cannot reach its database or broker; try again later");
            }
            if (kind == FailureClassifier.Kind.NOT_YET_KNOWN) {
                NotYetKnownException n = (NotYetKnownException) FailureClassifier.chain(e).stream()
                        .filter(NotYetKnownException.class::isInstance).findFirst().orElseThrow();
                inbox.defer(handler, event, n);
                mark(id, Status.DEFERRED, actor, "deferred: " + FailureClassifier.reason(n));
                return get(id);
            }
            return failed(id, actor, FailureClassifier.reason(e));
        }
    }

    private DeadLetterView failed(long id, String actor, String reason) {
        mark(id, Status.PENDING, actor, "replay failed: " + reason);
        throw DomainException.unprocessable("replay-failed", "the event still fails: " + reason);
    }

    private void mark(long id, Status status, String actor, String result) {
        Runnable update = () -> em.createNativeQuery("update dead_letter set status = ?2, replayed_at = now(), "
                        + "replayed_by = ?3, replay_result = coalesce(?4, replay_result) where id = ?1")
                .setParameter(1, id).setParameter(2, status.name()).setParameter(3, truncate(actor, 128))
                .setParameter(4, truncate(result, 500)).executeUpdate();
        if (QuarkusTransaction.isActive()) {
            update.run();
        } else {
            QuarkusTransaction.requiringNew().run(update);
        }
    }

    /** Replays every PENDING dead letter (optionally of one event type), oldest first, at most 500 per call. */
    @SuppressWarnings("unchecked")
    public ReplaySummary replayAll(String eventType, String actor) {
        List<Number> ids = QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery("select id from dead_letter where status = 'PENDING'"
                    + (eventType == null ? "" : " and event_type = :type") + " order by id limit 500");
            if (eventType != null) {
                q.setParameter("type", eventType);
            }
            return q.getResultList();
        });
        int replayed = 0, already = 0, deferred = 0;
        List<DeadLetterView> failures = new ArrayList<>();
        for (Number n : ids) {
            try {
                DeadLetterView v = replay(n.longValue(), actor);
                if (v.status() == Status.DEFERRED) {
                    deferred++;
                } else if ("already applied".equals(v.replayResult())) {
                    already++;
                } else {
                    replayed++;
                }
            } catch (DomainException e) {
                if (e.status() == 503) {
                    throw e;
                }
                failures.add(get(n.longValue()));
            }
        }
        return new ReplaySummary(replayed, already, deferred, failures.size(), failures);
    }

    private static DeadLetterView view(Object[] r) {
        return new DeadLetterView(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], r[6] == null ? null : ((Number) r[6]).intValue(), r[7] == null ? null : ((Number) r[7]).longValue(),
                (String) r[8], time(r[9]), Status.valueOf((String) r[10]), time(r[11]), (String) r[12], (String) r[13],
                r[14] == null ? 0 : ((Number) r[14]).intValue());
    }

    public static OffsetDateTime time(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) o).toInstant().atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
