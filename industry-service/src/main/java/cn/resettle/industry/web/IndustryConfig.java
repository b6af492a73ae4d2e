package cn.resettle.industry.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-county policy numbers of industry-service (environment overrides; never constants in code). */
@ConfigMapping(prefix = "resettle.industry")
public interface IndustryConfig {

    /** A quarter's workshop check is due this many days after the quarter ends (then the workshop is overdue). */
    @WithDefault("15")
    int workshopCheckGraceDays();

    /** Maintenance due within this many days is listed as due (overdue: past its date). */
    @WithDefault("30")
    int maintenanceDueWithinDays();

    /** A site's collective income a year (income of its collective economic organisations) is to reach this (yuan). */
    @WithDefault("10000")
    java.math.BigDecimal collectiveIncomeTarget();

    /** The "collective economy" type of site (五型安置点): collective income a year at least this (yuan) ... */
    @WithDefault("30000")
    java.math.BigDecimal collectiveEconomyTypeIncome();

    /** ... a collective economic organisation and at least this many cooperatives. */
    @WithDefault("1")
    int collectiveEconomyTypeCooperatives();
}
