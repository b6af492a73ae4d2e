package cn.resettle.employment.tasks;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import cn.resettle.common.inbox.NotYetKnownException;
import cn.resettle.common.tasks.TaskService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Risks flagged in monitoring become tasks here (see the routing rules in this package), once per event. Routing
 * reads the household's members from the registry copy, so a risk for a household whose copy has not arrived yet
 * waits for it (deferred) instead of being routed to nobody.
 */
@ApplicationScoped
public class MonitoringEventsConsumer implements InboxHandler {

    @Inject
    IdempotentConsumer inbox;
    @Inject
    TaskService tasks;
    @Inject
    EventCodec codec;
    @Inject
    EntityManager em;

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
        if (MonitoringEvents.RISK_FLAGGED.equals(e.type())) {
            MonitoringEvents.RiskFlagged risk = codec.data(e, MonitoringEvents.RiskFlagged.class);
            Number known = (Number) em.createNativeQuery("select count(*) from registry_household where id = ?1")
                    .setParameter(1, risk.householdId()).getSingleResult();
            if (known.longValue() == 0) {
                throw new NotYetKnownException(risk.householdId(), "registry copy of household");
            }
        }
        tasks.onMonitoringEvent(e);
    }
}
