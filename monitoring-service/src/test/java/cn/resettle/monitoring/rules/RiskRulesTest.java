package cn.resettle.monitoring.rules;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskRulesTest {

    static final RuleSet RULES = new RuleSet("360732", 2026, new BigDecimal("7000"), new BigDecimal("0.30"),
            new BigDecimal("20000"), 3, 2, 20, 5);

    static RiskRules.Facts income(String now, String before) {
        return new RiskRules.Facts(now == null ? null : new BigDecimal(now), before == null ? null : new BigDecimal(before),
                null, false, false, false, false, false, false, null, null);
    }

    @Test
    void incomeBelowTheLineIsAHighIncomeRisk() {
        List<RiskRules.Finding> f = RiskRules.evaluate(income("6999.99", null), RULES);
        assertEquals(1, f.size());
        assertEquals(RiskCategory.INCOME_DROP, f.get(0).category());
        assertEquals(Severity.HIGH, f.get(0).severity());
        assertTrue(f.get(0).evidence().contains("7000"));
        assertTrue(RiskRules.evaluate(income("7000", null), RULES).isEmpty(), "at the line is not below it");
    }

    @Test
    void aDropOfTheConfiguredRatioCountsEvenAboveTheLine() {
        List<RiskRules.Finding> f = RiskRules.evaluate(income("10500", "15000"), RULES); // -30 %
        assertEquals(List.of(RiskCategory.INCOME_DROP), f.stream().map(RiskRules.Finding::category).toList());
        assertEquals(Severity.MEDIUM, f.get(0).severity());
        assertTrue(RiskRules.evaluate(income("10501", "15000"), RULES).isEmpty(), "29.99 % is under the ratio");
    }

    @Test
    void belowTheLineAndDroppingIsOneRiskWithBothReasons() {
        List<RiskRules.Finding> f = RiskRules.evaluate(income("5000", "9000"), RULES);
        assertEquals(1, f.size());
        assertEquals(Severity.HIGH, f.get(0).severity());
        assertTrue(f.get(0).evidence().contains("监测线") && f.get(0).evidence().contains("下降"));
    }

    @Test
    void theThreeGuaranteesAndWaterAndMedicalCosts() {
        var facts = new RiskRules.Facts(new BigDecimal("9000"), null, new BigDecimal("25000"), true, true, true, true,
                false, true, new BigDecimal("3000"), "ACCIDENT");
        List<RiskCategory> cats = RiskRules.evaluate(facts, RULES).stream().map(RiskRules.Finding::category).toList();
        assertEquals(List.of(RiskCategory.MEDICAL_EXPENSE, RiskCategory.ILLNESS, RiskCategory.HOUSING_SAFETY,
                RiskCategory.DRINKING_WATER, RiskCategory.EDUCATION, RiskCategory.JOB_LOSS, RiskCategory.DISASTER,
                RiskCategory.ACCIDENT), cats);
    }

    @Test
    void anotherRegionsLineChangesTheAnswer() {
        RuleSet higher = new RuleSet("36", 2026, new BigDecimal("8000"), new BigDecimal("0.30"), new BigDecimal("20000"), 3, 2, 20, 5);
        assertTrue(RiskRules.evaluate(income("7500", null), RULES).isEmpty());
        assertEquals(1, RiskRules.evaluate(income("7500", null), higher).size());
    }
}
