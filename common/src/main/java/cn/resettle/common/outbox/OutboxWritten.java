package cn.resettle.common.outbox;

import cn.resettle.common.events.EventEnvelope;

/**
 * Fired (synchronous CDI event) by {@link Outbox#publish} inside the transaction that writes the event: a read model
 * of the producing service (monitoring's command view) applies its own service's events in the same transaction as
 * the change, through the same code as the events it consumes. An observer that throws rolls the change back.
 */
public record OutboxWritten(String topic, EventEnvelope event) {
}
