package cn.resettle.employment.tasks;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.tasks.TaskConfig;
import cn.resettle.tasks.TaskRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

@ApplicationScoped
public class EmploymentTaskRouter implements TaskRouter {

    @Inject
    Workforce workforce;
    @Inject
    TaskConfig config;

    @Override
    public List<TaskPlan> route(RiskFlagged risk) {
        return EmploymentRouting.route(risk.category(), workforce.members(risk.householdId()),
                config.deadlineFor(EmploymentRouting.JOB_MATCHING, 15));
    }
}
