package cn.resettle.industry.tasks;

import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.tasks.TaskService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Risks flagged in monitoring become tasks here (see the routing rules in this package), once per event. */
@ApplicationScoped
public class MonitoringEventsConsumer {

    @Inject
    IdempotentConsumer inbox;
    @Inject
    TaskService tasks;

    @Incoming("monitoring")
    @Blocking
    public void onMonitoringEvent(String value) {
        inbox.consume(value, tasks::onMonitoringEvent);
    }
}
