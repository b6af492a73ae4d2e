package cn.resettle.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "resettle.outbox")
public interface OutboxConfig {
    /** Whether this process relays its outbox to Kafka. */
    @WithDefault("true")
    boolean enabled();

    /** The source attribute of every event this service publishes, e.g. {@code /resettle/community-service}. */
    @WithDefault("/resettle/unknown")
    String source();

    /** Safety-net polling interval; the normal path is a wake-up right after each commit. */
    @WithDefault("2s")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

    /** Longest wait between attempts while the broker is unreachable. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long a sent row is kept for inspection before it is deleted. */
    @WithDefault("P7D")
    Duration retention();
}
