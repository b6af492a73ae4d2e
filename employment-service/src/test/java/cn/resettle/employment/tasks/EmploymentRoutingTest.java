package cn.resettle.employment.tasks;

import cn.resettle.tasks.TaskRouter.TaskPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmploymentRoutingTest {

    static EmploymentRouting.Member m(String name, String labour, String employment) {
        return new EmploymentRouting.Member(UUID.randomUUID(), name, labour, employment, "ACTIVE");
    }

    @Test
    void jobLossOrIncomeDropNamesTheMembersWhoCanWorkAndHaveNoJob() {
        List<EmploymentRouting.Member> members = List.of(m("张三", "FULL", "UNEMPLOYED"), m("李四", "WEAK", "FARMING"),
                m("王五", "FULL", "EMPLOYED_LOCAL"), m("老人", "NONE", "NOT_APPLICABLE"), m("学生", "FULL", "STUDENT"));
        for (String category : List.of("JOB_LOSS", "INCOME_DROP")) {
            List<TaskPlan> plans = EmploymentRouting.route(category, members, 15);
            assertEquals(1, plans.size());
            assertEquals("JOB_MATCHING", plans.get(0).kind());
            assertEquals(15, plans.get(0).deadlineDays());
            assertTrue(plans.get(0).targetPeople().startsWith("张三、李四"), plans.get(0).targetPeople());
            assertTrue(!plans.get(0).targetPeople().contains("王五") && !plans.get(0).targetPeople().contains("老人"));
        }
    }

    @Test
    void otherRisksAndHouseholdsWithoutLabourGetNoEmploymentTask() {
        assertTrue(EmploymentRouting.route("HOUSING_SAFETY", List.of(m("张三", "FULL", "UNEMPLOYED")), 15).isEmpty());
        assertTrue(EmploymentRouting.route("INCOME_DROP", List.of(m("老人", "NONE", "NOT_APPLICABLE")), 15).isEmpty());
        assertTrue(EmploymentRouting.route("JOB_LOSS", List.of(m("王五", "FULL", "EMPLOYED_OUTSIDE")), 15).isEmpty());
    }

    /** A student has no job: the household's "nobody employed" check sees them as not employed, and job matching leaves them out (they are in school). */
    @Test
    void aStudentIsNotEmployedAndIsNotMatchedToJobs() {
        EmploymentRouting.Member student = m("刘小红", "FULL", "STUDENT");
        assertFalse(student.employed(), "STUDENT counted as employed");
        assertTrue(EmploymentRouting.route("JOB_LOSS", List.of(student), 15).isEmpty());
        List<TaskPlan> plans = EmploymentRouting.route("JOB_LOSS", List.of(student, m("刘大山", "FULL", "UNEMPLOYED")), 15);
        assertEquals("刘大山", plans.get(0).targetPeople());
        assertTrue(plans.get(0).title().contains("1 名"), plans.get(0).title());
    }
}
