package cn.resettle.tasks;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import cn.resettle.common.inbox.NotYetKnownException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Monitoring's events in a task-owning service, once per event (idempotent inbox): a flagged risk becomes tasks
 * by the service's {@link TaskRouter}, a closed risk cancels its open tasks, and every
 * {@link MonitoringEventListener} the service declares hears the event in the same transaction. With
 * {@code resettle.tasks.await-registry-copy=true} (routing reads the household's members from the registry copy) a
 * risk for a household whose copy has not arrived yet waits for it (deferred) instead of being routed to nobody.
 */
@ApplicationScoped
public class MonitoringEventsConsumer implements InboxHandler {

    /** Channel name; its topic, group and dead-letter topic are in each service's application.properties. */
    public static final String CHANNEL = "monitoring";

    @Inject
    IdempotentConsumer inbox;
    @Inject
    TaskService tasks;
    @Inject
    TaskConfig config;
    @Inject
    EventCodec codec;
    @Inject
    EntityManager em;
    @Inject
    Instance<MonitoringEventListener> listeners;

    @Incoming(CHANNEL)
    @Blocking
    public void onMonitoringEvents(ConsumerRecords<String, String> batch) {
        inbox.consumeBatch(this, batch);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void apply(EventEnvelope e) {
        if (config.awaitRegistryCopy() && MonitoringEvents.RISK_FLAGGED.equals(e.type())) {
            MonitoringEvents.RiskFlagged risk = codec.data(e, MonitoringEvents.RiskFlagged.class);
            Number known = (Number) em.createNativeQuery("select count(*) from registry_household where id = ?1")
                    .setParameter(1, risk.householdId()).getSingleResult();
            if (known.longValue() == 0) {
                throw new NotYetKnownException(risk.householdId(), "registry copy of household");
            }
        }
        tasks.onMonitoringEvent(e);
        for (MonitoringEventListener l : listeners) {
            l.onMonitoringEvent(e);
        }
    }
}
