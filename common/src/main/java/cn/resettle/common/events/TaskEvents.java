package cn.resettle.common.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Assistance-task events. Employment, industry and community each publish them on their own topic with their
 * domain in the type ({@code cn.resettle.employment.task.created.v1} …); monitoring records them as the measures
 * of the household's assistance plan. The record key is the household id.
 */
public final class TaskEvents {
    private TaskEvents() {
    }

    /** A task was opened for a flagged risk: the plan gains a measure with this department and deadline. */
    public record TaskCreated(UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                              String title, LocalDate deadline, OffsetDateTime createdAt) {
    }

    /** The task was carried out: the plan's measure is done. */
    public record TaskCompleted(UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                                String outcome, String completedBy, OffsetDateTime completedAt) {
    }

    /** The task was declined with a reason (e.g. the household refused, wrong department): the measure is declined. */
    public record TaskDeclined(UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                               String reason, String declinedBy, OffsetDateTime declinedAt) {
    }

    /**
     * The risk was closed in monitoring (eliminated or moved to long-term monitoring) while the task was still open:
     * the task is cancelled and monitoring marks the measure CANCELLED.
     */
    public record TaskCancelled(UUID taskId, UUID riskId, UUID householdId, String department, String kind,
                                String reason, String cancelledBy, OffsetDateTime cancelledAt) {
    }

    public static String type(String domain, String action) {
        return "cn.resettle." + domain + ".task." + action + ".v1";
    }
}
