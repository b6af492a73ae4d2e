package cn.resettle.common.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Assistance-task events: one contract for every domain that gives assistance (employment, industry, community,
 * and the ones to come). The producing domain is data ({@code domain}), not part of the type; each domain
 * publishes on its own topic ({@link Topics#forDomain}); the record key is the household id. Monitoring records
 * them as the measures of the household's assistance plan, one handler per type.
 */
public final class TaskEvents {
    private TaskEvents() {
    }

    public static final String CREATED = "cn.resettle.task.created.v1";
    public static final String COMPLETED = "cn.resettle.task.completed.v1";
    public static final String DECLINED = "cn.resettle.task.declined.v1";
    public static final String CANCELLED = "cn.resettle.task.cancelled.v1";

    /** What every task event carries: which domain's task, for which risk and household. */
    public sealed interface TaskEvent permits TaskCreated, TaskCompleted, TaskDeclined, TaskCancelled {
        String domain();

        UUID taskId();

        UUID riskId();

        UUID householdId();

        String department();

        String kind();
    }

    /** A task was opened for a flagged risk: the plan gains a measure with this department and deadline. */
    @EventType(value = CREATED, aggregate = "household")
    public record TaskCreated(String domain, UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                              String title, LocalDate deadline, OffsetDateTime createdAt) implements TaskEvent {
    }

    /** The task was carried out: the plan's measure is done. */
    @EventType(value = COMPLETED, aggregate = "household")
    public record TaskCompleted(String domain, UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                                String outcome, String completedBy, OffsetDateTime completedAt) implements TaskEvent {
    }

    /** The task was declined with a reason (e.g. the household refused, wrong department): the measure is declined. */
    @EventType(value = DECLINED, aggregate = "household")
    public record TaskDeclined(String domain, UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                               String reason, String declinedBy, OffsetDateTime declinedAt) implements TaskEvent {
    }

    /**
     * The risk was closed in monitoring (eliminated or moved to long-term monitoring) while the task was still open:
     * the task is cancelled and monitoring marks the measure CANCELLED.
     */
    @EventType(value = CANCELLED, aggregate = "household")
    public record TaskCancelled(String domain, UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                                String reason, String cancelledBy, OffsetDateTime cancelledAt) implements TaskEvent {
    }
}
