package cn.resettle.industry.tasks;

import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import cn.resettle.common.tasks.TaskService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Risks flagged in monitoring become tasks here (see the routing rules in this package), once per event. Industry
 * routes on the risk's category alone, so it never waits for the registry copy.
 */
@ApplicationScoped
public class MonitoringEventsConsumer implements InboxHandler {

    @Inject
    IdempotentConsumer inbox;
    @Inject
    TaskService tasks;

    @Incoming("monitoring")
    @Blocking
    public void onMonitoringEvent(String value) {
        inbox.consume(this, value);
    }

    @Override
    public String channel() {
        return "monitoring";
    }

    @Override
    public void apply(EventEnvelope event) {
        tasks.onMonitoringEvent(event);
    }
}
