package cn.resettle.common.registry;

import cn.resettle.common.events.EventEnvelope;

/**
 * What a service consuming community's topic for its registry copy does with the topic's other events (employment:
 * a JOBS one-stop request becomes a job-matching task). Called by {@link RegistryEventsConsumer} inside the inbox
 * transaction, in the events' order, for every event that is not a household or site event; ignore the types you do
 * not act on.
 */
public interface CommunityEventListener {
    void onCommunityEvent(EventEnvelope e);
}
