package cn.resettle.common.events;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One topic per producing domain. Consumers' channel configuration names the same strings, each behind the
 * configured {@code resettle.kafka.topic-prefix} (empty in production; a test run's own prefix, so a test never
 * reads or feeds the topics of a suite running on the same broker).
 */
public final class Topics {
    public static final String COMMUNITY = "resettle.community.events";
    public static final String MONITORING = "resettle.monitoring.events";
    public static final String EMPLOYMENT = "resettle.employment.events";
    public static final String INDUSTRY = "resettle.industry.events";

    /** The topic name on the broker: the configured prefix followed by the logical name. */
    public static String physical(String topic) {
        return prefix() + topic;
    }

    public static String prefix() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("resettle.kafka.topic-prefix", String.class).orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private Topics() {
    }
}
