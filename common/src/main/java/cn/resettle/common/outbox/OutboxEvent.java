package cn.resettle.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the transactional outbox. Written in the same transaction as the state change it describes, read
 * and marked sent by {@link OutboxRelay}. {@code seq} (a database sequence) gives the publishing order.
 * Each service's Flyway migrations create the table (see common/src/main/resources/db/outbox.sql).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {
    @Id
    public UUID id;

    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;

    @Column(name = "aggregate_type", nullable = false)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String topic;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** W3C trace context of the write (V105), continued by the relay and the consumers; null without a trace. */
    @Column(name = "traceparent")
    public String traceparent;
}
