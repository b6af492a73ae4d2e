package cn.resettle.industry.tasks;

import cn.resettle.tasks.TaskRouter.TaskPlan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Industry's routing rule on its own (no servers): only an income drop becomes an INDUSTRY_LINK task. */
class IndustryRoutingTest {

    @Test
    void anIncomeDropBecomesOneIndustryLinkTaskWithTheConfiguredDeadline() {
        List<TaskPlan> plans = IndustryTaskRouter.route("INCOME_DROP", 30);
        assertEquals(1, plans.size());
        TaskPlan plan = plans.get(0);
        assertEquals(IndustryTaskRouter.INDUSTRY_LINK, plan.kind());
        assertEquals(30, plan.deadlineDays());
        assertTrue(plan.title().contains("帮扶车间") && plan.title().contains("合作社"), plan.title());
        assertTrue(plan.detail().contains("INCOME_DROP"), plan.detail());
        assertEquals(21, IndustryTaskRouter.route("INCOME_DROP", 21).get(0).deadlineDays(), "deadline is configuration");
    }

    @Test
    void everyOtherRiskOpensNoIndustryTask() {
        for (String category : List.of("JOB_LOSS", "MEDICAL_EXPENSE", "ILLNESS", "DISABILITY", "EDUCATION", "HOUSING_SAFETY",
                "DRINKING_WATER", "DISASTER", "ACCIDENT", "OTHER")) {
            assertTrue(IndustryTaskRouter.route(category, 30).isEmpty(), category);
        }
    }
}
