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

    /** The domains that own assistance tasks and publish {@link TaskEvents} on their own topic. */
    public static final java.util.List<String> TASK_DOMAINS = java.util.List.of("community", "employment", "industry");

    /** Every topic a service publishes domain events on (dead-letter topics are per service and not listed). */
    public static final java.util.List<String> ALL = java.util.List.of(COMMUNITY, MONITORING, EMPLOYMENT, INDUSTRY);

    /** The topic a domain publishes on: {@code community} is {@link #COMMUNITY} …; an unknown domain is a bug. */
    public static String forDomain(String domain) {
        return switch (domain) {
            case "community" -> COMMUNITY;
            case "monitoring" -> MONITORING;
            case "employment" -> EMPLOYMENT;
            case "industry" -> INDUSTRY;
            default -> throw new IllegalArgumentException("no topic for domain " + domain);
        };
    }

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
