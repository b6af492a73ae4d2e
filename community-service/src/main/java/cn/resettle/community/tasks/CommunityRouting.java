package cn.resettle.community.tasks;

import cn.resettle.tasks.TaskRouter.TaskPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Community's routing rules: unsafe housing → housing repair; disaster → a home visit within days; a household
 * where nobody can work → social-assistance referral (低保/特困); illness, medical cost, disability, schooling,
 * water, accident → a home visit. Income and job risks of households able to work go to employment and industry,
 * and the site worker visits them too: every risk gets at least one community task, so a risk that no other service
 * takes up (e.g. a job loss where every member able to work is recorded as employed) never falls through.
 */
public final class CommunityRouting {

    public static final String HOME_VISIT = "HOME_VISIT";
    public static final String DISASTER_HOME_VISIT = "DISASTER_HOME_VISIT";
    public static final String HOUSING_REPAIR = "HOUSING_REPAIR";
    public static final String SOCIAL_ASSISTANCE_REFERRAL = "SOCIAL_ASSISTANCE_REFERRAL";
    static final Set<String> HOME_VISIT_CATEGORIES = Set.of("ILLNESS", "MEDICAL_EXPENSE", "DISABILITY", "EDUCATION",
            "DRINKING_WATER", "ACCIDENT", "OTHER");

    private CommunityRouting() {
    }

    public static List<TaskPlan> route(String category, boolean anyoneCanWork, ToIntFunction<String> days) {
        List<TaskPlan> plans = new ArrayList<>();
        switch (category) {
            case "HOUSING_SAFETY" -> plans.add(new TaskPlan(HOUSING_REPAIR, "住房安全：排查并维修加固",
                    "住房安全隐患，跟踪至隐患消除", null, days.applyAsInt(HOUSING_REPAIR)));
            case "DISASTER" -> plans.add(new TaskPlan(DISASTER_HOME_VISIT, "灾后入户走访",
                    "受灾家庭逐户走访，登记损失，纳入灾情台账", null, days.applyAsInt(DISASTER_HOME_VISIT)));
            default -> {
                if (HOME_VISIT_CATEGORIES.contains(category)) {
                    plans.add(new TaskPlan(HOME_VISIT, "入户走访核实困难", "风险类别 " + category, null,
                            days.applyAsInt(HOME_VISIT)));
                }
            }
        }
        if (!anyoneCanWork) {
            plans.add(new TaskPlan(SOCIAL_ASSISTANCE_REFERRAL, "兜底保障：转介低保/特困供养",
                    "家庭无劳动能力，纳入长期监测并转介民政社会救助", null, days.applyAsInt(SOCIAL_ASSISTANCE_REFERRAL)));
        }
        if (plans.isEmpty()) {
            // whatever else employment or industry do: the household's site worker goes and looks (兜底走访)
            plans.add(new TaskPlan(HOME_VISIT, "入户走访：安置点工作人员核实困难并跟进帮扶",
                    "风险类别 " + category + "；核实家庭实际困难，确认相关部门的帮扶已落实", null, days.applyAsInt(HOME_VISIT)));
        }
        return plans;
    }
}
