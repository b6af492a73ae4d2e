package cn.resettle.community.requests;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Escalates overdue service requests by itself: every {@code resettle.requests.escalation-check} (default a minute)
 * the open requests past their step's deadline move one level up (site → township → county).
 */
@ApplicationScoped
public class EscalationJob {
    public static final String ACTOR = "system:escalation";

    @Inject
    ServiceRequestService requests;
    @Inject
    RequestConfig config;

    private volatile boolean stopping;

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent e) {
        stopping = true;
    }

    @Scheduled(identity = "service-request-escalation", every = "${resettle.requests.escalation-check:60s}",
            delayed = "${resettle.requests.escalation-check:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void escalate() {
        if (stopping) {
            return;
        }
        int batch;
        do {
            batch = requests.escalateOverdue();
        } while (batch >= config.escalationBatch() && !stopping);
    }
}
