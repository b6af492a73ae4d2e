package cn.resettle.common.registry;

import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds this service's copy of the registry from community-service's topic. The offset is committed only after
 * the effect (and its inbox row) committed; while the database is unreachable the channel waits and retries; only
 * a record that fails on its own goes to the dead-letter topic. Written once; a service turns it on with
 * {@code resettle.registry.consumer=true} (build time) and configures the {@value #CHANNEL} channel (employment,
 * industry; monitoring reads the same topic in its own DomainEventsConsumer).
 */
@ApplicationScoped
@IfBuildProperty(name = "resettle.registry.consumer", stringValue = "true")
public class RegistryEventsConsumer implements InboxHandler {

    /** Channel name; its topic, group and dead-letter topic are in application.properties. */
    public static final String CHANNEL = "registry";

    @Inject
    IdempotentConsumer inbox;
    @Inject
    RegistryProjection projection;
    @Inject
    jakarta.enterprise.inject.Instance<CommunityEventListener> listeners;

    @Incoming(CHANNEL)
    @Blocking
    public void onRegistryEvents(ConsumerRecords<String, String> batch) {
        inbox.consumeBatch(this, batch);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (!projection.apply(event)) {
            for (CommunityEventListener l : listeners) {
                l.onCommunityEvent(event);
            }
        }
    }

    @Override
    public void applyAll(java.util.List<EventEnvelope> events) {
        projection.applyAll(events, this::apply);
    }

    @Override
    public boolean appliesInBatches() {
        return true;
    }
}
