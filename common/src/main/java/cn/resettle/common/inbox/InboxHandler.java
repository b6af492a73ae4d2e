package cn.resettle.common.inbox;

import cn.resettle.common.events.EventEnvelope;

/**
 * A service's consumer of one incoming channel. The inbox applies events through it when they arrive, again when
 * a deferred event becomes applicable, and when an operator replays a dead letter; it finds the handler of a dead
 * letter by the topic the event came from ({@code mp.messaging.incoming.<channel>.topic[s]}).
 */
public interface InboxHandler {

    /** The {@code @Incoming} channel name. */
    String channel();

    /** The effect of one event, inside the inbox's transaction. */
    void apply(EventEnvelope event);

    /**
     * The effect of several events, in their order, inside one inbox transaction (duplicates already removed).
     * Handlers that can do better than one event after the other (set-based SQL) override it together with
     * {@link #appliesInBatches()}; when it throws, the inbox cannot tell which event failed and applies the batch
     * one event at a time instead.
     */
    default void applyAll(java.util.List<EventEnvelope> events) {
        events.forEach(this::apply);
    }

    /** Whether {@link #applyAll} is worth more than a loop over {@link #apply}. */
    default boolean appliesInBatches() {
        return false;
    }
}
