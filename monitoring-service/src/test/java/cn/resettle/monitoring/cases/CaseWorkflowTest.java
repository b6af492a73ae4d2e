package cn.resettle.monitoring.cases;

import cn.resettle.monitoring.cases.CaseWorkflow.Status;
import cn.resettle.monitoring.cases.CaseWorkflow.Step;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CaseWorkflowTest {

    @Test
    void stepsFollowTheProcedureAndAFailedStepRejects() {
        Status s = Status.AWAITING_HOME_CHECK;
        for (Step step : Step.values()) {
            assertEquals(step, CaseWorkflow.expected(s));
            s = CaseWorkflow.after(step, true);
        }
        assertEquals(Status.IDENTIFIED, s);
        assertNull(CaseWorkflow.expected(Status.IDENTIFIED));
        assertEquals(Status.REJECTED, CaseWorkflow.after(Step.DEMOCRATIC_REVIEW, false));
    }

    @Test
    void workingDaysSkipWeekends() {
        LocalDate friday = LocalDate.of(2026, 11, 20);
        assertEquals(LocalDate.of(2026, 11, 23), CaseWorkflow.addWorkingDays(friday, 1));
        assertEquals(LocalDate.of(2026, 12, 18), CaseWorkflow.addWorkingDays(friday, 20));
    }
}
