package cn.resettle.community.grid;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.tasks.MonitoringEventListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A household's grid worker is who its tasks go to by default: the community tasks a flagged risk just opened (in the
 * same inbox transaction, before this listener runs) get the household's grid worker as assignee. Households no grid
 * covers keep unassigned tasks, as before.
 */
@ApplicationScoped
public class GridTaskAssigner implements MonitoringEventListener {

    @Inject
    EntityManager em;
    @Inject
    EventCodec codec;

    @Override
    public void onMonitoringEvent(EventEnvelope e) {
        if (!MonitoringEvents.RISK_FLAGGED.equals(e.type())) {
            return;
        }
        MonitoringEvents.RiskFlagged risk = codec.data(e, MonitoringEvents.RiskFlagged.class);
        em.flush();
        em.createNativeQuery("update assistance_task t set assignee = g.worker_username from grid_household gh "
                        + "join grid g on g.id = gh.grid_id where t.risk_id = ?1 and t.assignee is null and t.status = 'OPEN' "
                        + "and gh.household_id = t.household_id")
                .setParameter(1, risk.riskId()).executeUpdate();
    }
}
