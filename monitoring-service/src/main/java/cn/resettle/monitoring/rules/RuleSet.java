package cn.resettle.monitoring.rules;

import java.math.BigDecimal;

/**
 * The numbers a region uses in a year: the income monitoring line (annual per-capita net income, yuan), the drop
 * ratio that counts as 收入骤减, the medical expense that counts as a burden, how many months of income above the
 * line make a risk eliminable, and the workflow's time limits.
 */
public record RuleSet(String regionCode, int year, BigDecimal incomeLine, BigDecimal incomeDropRatio,
                      BigDecimal medicalExpenseThreshold, int stableIncomeMonths, int declarationAckDays,
                      int identificationWorkingDays, int publicNoticeDays) {
}
