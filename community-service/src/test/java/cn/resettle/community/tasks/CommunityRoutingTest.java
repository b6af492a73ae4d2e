package cn.resettle.community.tasks;

import cn.resettle.tasks.TaskRouter.TaskPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommunityRoutingTest {

    static final Map<String, Integer> DAYS = Map.of("HOME_VISIT", 7, "DISASTER_HOME_VISIT", 3, "HOUSING_REPAIR", 30,
            "SOCIAL_ASSISTANCE_REFERRAL", 7);

    static List<String> kinds(String category, boolean canWork) {
        return CommunityRouting.route(category, canWork, DAYS::get).stream().map(TaskPlan::kind).toList();
    }

    @Test
    void routesByCategoryAndLabour() {
        assertEquals(List.of("HOUSING_REPAIR"), kinds("HOUSING_SAFETY", true));
        assertEquals(List.of("DISASTER_HOME_VISIT"), kinds("DISASTER", true));
        assertEquals(List.of("HOME_VISIT"), kinds("MEDICAL_EXPENSE", true));
        assertEquals(List.of("HOME_VISIT"), kinds("INCOME_DROP", true), "the site worker visits; jobs and income are employment's and industry's");
        assertEquals(List.of("SOCIAL_ASSISTANCE_REFERRAL"), kinds("INCOME_DROP", false));
        assertEquals(List.of("HOUSING_REPAIR", "SOCIAL_ASSISTANCE_REFERRAL"), kinds("HOUSING_SAFETY", false));
        assertEquals(3, CommunityRouting.route("DISASTER", true, DAYS::get).get(0).deadlineDays());
    }

    @Test
    void everyRiskGetsAtLeastAHomeVisitBySiteStaff() {
        // a job loss where everyone able to work is recorded as employed opens nothing in employment: community visits
        assertEquals(List.of("HOME_VISIT"), kinds("JOB_LOSS", true));
        for (String category : List.of("INCOME_DROP", "JOB_LOSS", "MEDICAL_EXPENSE", "ILLNESS", "DISABILITY", "EDUCATION",
                "HOUSING_SAFETY", "DRINKING_WATER", "DISASTER", "ACCIDENT", "OTHER", "A_CATEGORY_ADDED_LATER")) {
            for (boolean canWork : List.of(true, false)) {
                assertEquals(false, kinds(category, canWork).isEmpty(), category + " / can work " + canWork);
            }
        }
    }
}
