package cn.resettle.industry.tasks;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.tasks.TaskConfig;
import cn.resettle.tasks.TaskRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Industry's routing rule: an income drop becomes a link task — a workshop job (帮扶车间), cooperative
 * membership (合作社) or a share of asset income (资产收益分红) for the household.
 */
@ApplicationScoped
public class IndustryTaskRouter implements TaskRouter {

    public static final String INDUSTRY_LINK = "INDUSTRY_LINK";

    @Inject
    TaskConfig config;

    public static List<TaskPlan> route(String category, int deadlineDays) {
        if (!"INCOME_DROP".equals(category)) {
            return List.of();
        }
        return List.of(new TaskPlan(INDUSTRY_LINK, "产业帮扶：联结帮扶车间就业、合作社入社或资产收益分红",
                "风险类别 " + category + "；优先本安置点帮扶车间与合作社", null, deadlineDays));
    }

    @Override
    public List<TaskPlan> route(RiskFlagged risk) {
        return route(risk.category(), config.deadlineFor(INDUSTRY_LINK, 30));
    }
}
