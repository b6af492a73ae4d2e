package cn.resettle.monitoring.registry;

import cn.resettle.common.registry.RegistryProjection;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds this service's copy of the registry from community-service's topic. The offset is committed only after
 * the effect (and its inbox row) committed; a record that keeps failing goes to the dead-letter topic.
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    /** Channel name; its topic, group and dead-letter topic are in application.properties. */
    public static final String CHANNEL = "registry";

    @Inject
    RegistryProjection projection;

    @Incoming(CHANNEL)
    @Blocking
    public void onRegistryEvent(String value) {
        projection.onRecord(value);
    }
}
