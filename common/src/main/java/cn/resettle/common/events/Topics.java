package cn.resettle.common.events;

/** One topic per producing domain. Consumers' channel configuration names the same strings. */
public final class Topics {
    public static final String COMMUNITY = "resettle.community.events";
    public static final String MONITORING = "resettle.monitoring.events";
    public static final String EMPLOYMENT = "resettle.employment.events";
    public static final String INDUSTRY = "resettle.industry.events";

    private Topics() {
    }
}
