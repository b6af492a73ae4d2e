package cn.resettle.monitoring.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

/** Used where no region has set its own rule set for the year (set them with PUT /api/monitoring/rules). */
@ConfigMapping(prefix = "resettle.monitoring.default-rules")
public interface DefaultRules {
    @WithDefault("7000")
    BigDecimal incomeLine();

    @WithDefault("0.30")
    BigDecimal incomeDropRatio();

    @WithDefault("20000")
    BigDecimal medicalExpenseThreshold();

    @WithDefault("3")
    int stableIncomeMonths();

    @WithDefault("2")
    int declarationAckDays();

    @WithDefault("20")
    int identificationWorkingDays();

    @WithDefault("5")
    int publicNoticeDays();
}
