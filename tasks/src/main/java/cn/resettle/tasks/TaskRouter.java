package cn.resettle.tasks;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;

import java.util.List;

/**
 * A service's routing rules: which tasks (if any) a flagged risk becomes in this service. Pure decisions on the
 * risk and on what the service knows of the household; unit-tested in each service.
 */
public interface TaskRouter {

    /** @param kind stable code (JOB_MATCHING, INDUSTRY_LINK, HOME_VISIT …); one task per risk and kind */
    record TaskPlan(String kind, String title, String detail, String targetPeople, int deadlineDays) {
    }

    List<TaskPlan> route(RiskFlagged risk);
}
