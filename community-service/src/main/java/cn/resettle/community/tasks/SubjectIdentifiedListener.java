package cn.resettle.community.tasks;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.community.housing.HousingExtensionService;
import cn.resettle.tasks.MonitoringEventListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A household identified as a monitoring subject has its pending housing-extension applications refused. */
@ApplicationScoped
public class SubjectIdentifiedListener implements MonitoringEventListener {

    @Inject
    HousingExtensionService housing;
    @Inject
    EventCodec codec;

    @Override
    public void onMonitoringEvent(EventEnvelope e) {
        if (MonitoringEvents.SUBJECT_IDENTIFIED.equals(e.type())) {
            housing.onSubjectIdentified(codec.data(e, MonitoringEvents.SubjectIdentified.class));
        }
    }
}
