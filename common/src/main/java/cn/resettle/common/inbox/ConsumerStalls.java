package cn.resettle.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Channels that cannot apply their current event because of an infrastructure failure (read by health). */
@ApplicationScoped
public class ConsumerStalls {

    public record Stall(Instant since, int attempts, String reason) {
    }

    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();

    void failed(String channel, String reason) {
        stalls.compute(channel, (k, s) -> s == null ? new Stall(Instant.now(), 1, reason)
                : new Stall(s.since(), s.attempts() + 1, reason));
    }

    void recovered(String channel) {
        stalls.remove(channel);
    }

    public Map<String, Stall> current() {
        return Map.copyOf(stalls);
    }
}
