package cn.resettle.monitoring.risk;

import cn.resettle.common.problem.DomainException;
import cn.resettle.monitoring.risk.RiskEnums.MeasureStatus;
import cn.resettle.monitoring.risk.RiskEnums.Status;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The elimination and plan rules, on the entities that own them, without a database. */
class RiskRulesOnTheRiskTest {

    static Risk open() {
        Risk r = new Risk();
        r.status = Status.OPEN;
        r.flaggedMonth = "2026-05";
        return r;
    }

    static PlanMeasure measure(MeasureStatus s) {
        PlanMeasure m = new PlanMeasure();
        m.department = "人社局";
        m.kind = "JOB_MATCHING";
        m.status = s;
        return m;
    }

    @Test
    void aPlanNeedsAMeasureAndEveryMeasureDone() {
        assertTrue(PlanMeasure.unfinished(List.of()).contains("no measure"));
        assertTrue(PlanMeasure.unfinished(List.of(measure(MeasureStatus.DONE), measure(MeasureStatus.PLANNED))).startsWith("1 of 2"));
        assertNull(PlanMeasure.unfinished(List.of(measure(MeasureStatus.DONE))));
    }

    @Test
    void anUnfinishedPlanNeedsAReasonAndIncomeMustBeStable() {
        DomainException e = assertThrows(DomainException.class, () -> open().close("no measure", " ", true, 2, 2, "county.admin"));
        assertEquals(422, e.status());
        Risk r = open();
        assertThrows(DomainException.class, () -> r.close(null, null, true, 1, 2, "county.admin"));
        assertTrue(r.close("no measure", "农户已外出务工", true, 2, 2, "county.admin"));
        assertEquals(Status.ELIMINATED, r.status);
        assertEquals("农户已外出务工", r.eliminationReason);
        Risk noLabour = open();
        noLabour.close(null, null, false, 0, 2, "county.admin");
        assertEquals(Status.LONG_TERM, noLabour.status);
        assertTrue(noLabour.socialAssistanceReferral);
    }

    @Test
    void aMonthWithoutAVisitOrBelowTheLineBreaksTheStableRun() {
        var line = (java.util.function.Function<YearMonth, BigDecimal>) m -> new BigDecimal("7000");
        YearMonth m = YearMonth.of(2026, 9);
        assertEquals(2, Risk.stableIncomeRun(List.of(new Risk.MonthlyIncome(m, new BigDecimal("8000")),
                new Risk.MonthlyIncome(m.minusMonths(1), new BigDecimal("7000")),
                new Risk.MonthlyIncome(m.minusMonths(2), new BigDecimal("6000"))), line));
        assertEquals(1, Risk.stableIncomeRun(List.of(new Risk.MonthlyIncome(m, new BigDecimal("8000")),
                new Risk.MonthlyIncome(m.minusMonths(2), new BigDecimal("8000"))), line));
    }
}
