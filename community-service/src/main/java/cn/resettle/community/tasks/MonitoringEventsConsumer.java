package cn.resettle.community.tasks;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import cn.resettle.common.tasks.TaskService;
import cn.resettle.community.housing.HousingExtensionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * From monitoring: a flagged risk may become community tasks (see {@link CommunityRouting}); a household
 * identified as a monitoring subject has its pending housing-extension applications refused.
 */
@ApplicationScoped
public class MonitoringEventsConsumer implements InboxHandler {

    @Inject
    IdempotentConsumer inbox;
    @Inject
    TaskService tasks;
    @Inject
    HousingExtensionService housing;
    @Inject
    EventCodec codec;

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
    public void apply(EventEnvelope e) {
        if (MonitoringEvents.SUBJECT_IDENTIFIED.equals(e.type())) {
            housing.onSubjectIdentified(codec.data(e, MonitoringEvents.SubjectIdentified.class));
        } else {
            tasks.onMonitoringEvent(e);
        }
    }
}
