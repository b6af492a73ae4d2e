package cn.resettle.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per caller (token subject), in this replica's memory: {@code burst} requests at once, refilled at
 * {@code perSecond}. A request that finds the bucket empty is refused with the seconds until the next token.
 */
@ApplicationScoped
public class RateLimiter {

    private final double perSecond;
    private final int burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(GatewayConfig config) {
        this.perSecond = config.rateLimit().perSecond();
        this.burst = Math.max(1, config.rateLimit().burst());
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    /** @return 0 when the request may pass, else the whole seconds (at least 1) until it may be retried */
    public long acquire(String subject) {
        if (!enabled()) {
            return 0;
        }
        return buckets.computeIfAbsent(subject, s -> new Bucket(burst)).take(perSecond, burst, System.nanoTime());
    }

    /** Buckets of callers idle long enough to be full again are dropped (called every minute by {@link ProxyRoutes}). */
    void evictIdle() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> e.getValue().idleSince(now) > TimeUnit.SECONDS.toNanos(Math.max(60, (long) Math.ceil(burst / Math.max(perSecond, 0.001)))));
    }

    int size() {
        return buckets.size();
    }

    static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst) {
            tokens = burst;
            last = System.nanoTime();
        }

        synchronized long take(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
