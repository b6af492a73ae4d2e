package cn.resettle.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * HTTP latency as a Prometheus histogram with buckets around the targets the suite is held to (lists p99 < 50 ms,
 * the loop p99 < 500 ms), so p99 per route can be computed and alerted on across replicas
 * ({@code histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket[5m])))}).
 */
@Singleton
public class MetricsFilters {

    @Produces
    @Singleton
    MeterFilter httpHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder()
                            .serviceLevelObjectives(ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
                                    ms(2500), ms(5000), ms(10000))
                            .build().merge(config);
                }
                return config;
            }
        };
    }

    private static double ms(long ms) {
        return Duration.ofMillis(ms).toNanos();
    }
}
