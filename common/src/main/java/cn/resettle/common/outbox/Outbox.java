package cn.resettle.common.outbox;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records a domain event in the current transaction. It is published only if, and after, that transaction
 * commits: the relay is woken right after the commit, so the event normally reaches Kafka within milliseconds,
 * and a crash or a broker outage only delays it.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;
    @Inject
    EventCodec codec;
    @Inject
    OutboxConfig config;
    @Inject
    TransactionSynchronizationRegistry txRegistry;
    @Inject
    OutboxRelay relay;
    @Inject
    jakarta.enterprise.event.Event<OutboxWritten> written;

    /**
     * @param topic       the producing domain's topic ({@link cn.resettle.common.events.Topics})
     * @param aggregateId the aggregate's id: the Kafka record key and the CloudEvents subject
     * @param payload     a record annotated with {@link EventType}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, Object aggregateId, Object payload) {
        EventType type = EventCodec.typeOf(payload);
        return publish(topic, aggregateId, type.value(), type.aggregate(), payload);
    }

    /** With the type given explicitly (for callers that hold the type as data rather than as a record annotation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, Object aggregateId, String eventType, String aggregateType, Object payload) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, id, eventType, config.source(),
                aggregateId.toString(), now, EventEnvelope.JSON, codec.toTree(payload));
        OutboxEvent row = new OutboxEvent();
        row.id = id;
        row.aggregateType = aggregateType;
        row.aggregateId = aggregateId.toString();
        row.eventType = eventType;
        row.topic = topic;
        row.payload = codec.write(envelope);
        row.occurredAt = now;
        row.traceparent = cn.resettle.common.tracing.EventTracing.currentTraceparent();
        em.persist(row);
        written.fire(new OutboxWritten(topic, envelope));
        if (txRegistry.getResource(OutboxRelay.class) == null) {
            txRegistry.putResource(OutboxRelay.class, Boolean.TRUE);
            txRegistry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
        return id;
    }
}
