package cn.resettle.community.tasks;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.tasks.TaskConfig;
import cn.resettle.tasks.TaskRouter;
import cn.resettle.community.household.Enums.PersonStatus;
import cn.resettle.community.household.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

@ApplicationScoped
public class CommunityTaskRouter implements TaskRouter {

    @Inject
    TaskConfig config;

    @Override
    public List<TaskPlan> route(RiskFlagged risk) {
        boolean anyoneCanWork = Person.count("household.id = ?1 and status = ?2 and labourCapacity in ?3", risk.householdId(),
                PersonStatus.ACTIVE, LabourCapacity.working()) > 0;
        return CommunityRouting.route(risk.category(), anyoneCanWork, kind -> config.deadlineFor(kind, 7));
    }
}
