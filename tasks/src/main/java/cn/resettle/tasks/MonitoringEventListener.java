package cn.resettle.tasks;

import cn.resettle.common.events.EventEnvelope;

/**
 * What a task-owning service does with monitoring's events besides its tasks (community: refuses the pending
 * housing extensions of a household identified as a monitoring subject). Called by {@link MonitoringEventsConsumer}
 * inside the inbox transaction, for every monitoring event; ignore the types you do not act on.
 */
public interface MonitoringEventListener {
    void onMonitoringEvent(EventEnvelope e);
}
