package cn.resettle.monitoring.rules;


import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The risk rules: pure functions of what a visit (or screening row) found and the region's rule set. */
public final class RiskRules {

    private RiskRules() {
    }

    /** What a visit or a screening row says about a household. Null means "not known". */
    public record Facts(BigDecimal perCapitaIncome, BigDecimal previousPerCapitaIncome, BigDecimal medicalExpense,
                        boolean unsafeHousing, boolean unsafeWater, boolean childOutOfSchool, boolean seriousIllness,
                        boolean newDisability, boolean unemployed, BigDecimal disasterLoss, String suddenDifficulty) {
    }

    public record Finding(RiskCategory category, Severity severity, String evidence) {
    }

    public static List<Finding> evaluate(Facts f, RuleSet rules) {
        Map<RiskCategory, Finding> out = new LinkedHashMap<>();
        if (f.perCapitaIncome() != null && f.perCapitaIncome().compareTo(rules.incomeLine()) < 0) {
            add(out, new Finding(RiskCategory.INCOME_DROP, Severity.HIGH, "人均纯收入 " + plain(f.perCapitaIncome())
                    + " 元低于监测线 " + plain(rules.incomeLine()) + " 元 (per-capita income below the monitoring line)"));
        }
        if (f.perCapitaIncome() != null && f.previousPerCapitaIncome() != null
                && f.previousPerCapitaIncome().signum() > 0) {
            BigDecimal drop = f.previousPerCapitaIncome().subtract(f.perCapitaIncome())
                    .divide(f.previousPerCapitaIncome(), 4, RoundingMode.HALF_UP);
            if (drop.compareTo(rules.incomeDropRatio()) >= 0) {
                add(out, new Finding(RiskCategory.INCOME_DROP, Severity.MEDIUM, "人均纯收入较上次下降 "
                        + drop.movePointRight(2).stripTrailingZeros().toPlainString() + "% (income dropped by at least "
                        + rules.incomeDropRatio().movePointRight(2).stripTrailingZeros().toPlainString() + "%)"));
            }
        }
        if (f.medicalExpense() != null && f.medicalExpense().compareTo(rules.medicalExpenseThreshold()) > 0) {
            add(out, new Finding(RiskCategory.MEDICAL_EXPENSE, Severity.HIGH, "医疗自付支出 " + plain(f.medicalExpense())
                    + " 元超过 " + plain(rules.medicalExpenseThreshold()) + " 元"));
        }
        if (f.seriousIllness()) {
            add(out, new Finding(RiskCategory.ILLNESS, Severity.MEDIUM, "家庭成员新患大病 (serious illness)"));
        }
        if (f.newDisability()) {
            add(out, new Finding(RiskCategory.DISABILITY, Severity.MEDIUM, "家庭成员新增残疾 (new disability)"));
        }
        if (f.unsafeHousing()) {
            add(out, new Finding(RiskCategory.HOUSING_SAFETY, Severity.HIGH, "住房不安全 (unsafe housing)"));
        }
        if (f.unsafeWater()) {
            add(out, new Finding(RiskCategory.DRINKING_WATER, Severity.MEDIUM, "饮水不安全 (unsafe drinking water)"));
        }
        if (f.childOutOfSchool()) {
            add(out, new Finding(RiskCategory.EDUCATION, Severity.HIGH, "有义务教育阶段子女失学辍学 (child out of school)"));
        }
        if (f.unemployed()) {
            add(out, new Finding(RiskCategory.JOB_LOSS, Severity.MEDIUM, "劳动力失业 (unemployed)"));
        }
        if (f.disasterLoss() != null && f.disasterLoss().signum() > 0) {
            add(out, new Finding(RiskCategory.DISASTER, Severity.HIGH, "灾害损失 " + plain(f.disasterLoss()) + " 元"));
        }
        if (f.suddenDifficulty() != null) {
            RiskCategory c = switch (f.suddenDifficulty()) {
                case "DISASTER" -> RiskCategory.DISASTER;
                case "ACCIDENT" -> RiskCategory.ACCIDENT;
                case "ILLNESS" -> RiskCategory.ILLNESS;
                default -> RiskCategory.OTHER;
            };
            add(out, new Finding(c, Severity.HIGH, "突发严重困难 (sudden severe difficulty: " + f.suddenDifficulty() + ")"));
        }
        return new ArrayList<>(out.values());
    }

    /** One finding per category: the higher severity wins, evidence is joined. */
    private static void add(Map<RiskCategory, Finding> out, Finding f) {
        out.merge(f.category(), f, (a, b) -> new Finding(a.category(),
                a.severity().compareTo(b.severity()) >= 0 ? a.severity() : b.severity(), a.evidence() + "；" + b.evidence()));
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
