package cn.resettle.tasks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class TaskDtos {
    private TaskDtos() {
    }

    public record TaskView(UUID id, long version, UUID riskId, UUID householdId, String householdNo, String regionCode,
                           String siteCode, String department, String kind, String title, String detail,
                           String targetPeople, AssistanceTask.Status status, String assignee, LocalDate deadline,
                           boolean overdue, String outcome, String declineReason, OffsetDateTime createdAt,
                           OffsetDateTime closedAt, String closedBy) {
    }

    public record Assign(@NotNull Long version, @NotBlank @Size(max = 64) String assignee) {
    }

    public record Accept(@NotNull Long version) {
    }

    public record Complete(@NotNull Long version, @NotBlank @Size(max = 1000) String outcome) {
    }

    public record Decline(@NotNull Long version, @NotBlank @Size(max = 500) String reason) {
    }
}
