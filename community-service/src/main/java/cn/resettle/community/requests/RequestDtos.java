package cn.resettle.community.requests;

import cn.resettle.community.requests.RequestEnums.Action;
import cn.resettle.community.requests.RequestEnums.Category;
import cn.resettle.community.requests.RequestEnums.Channel;
import cn.resettle.community.requests.RequestEnums.Level;
import cn.resettle.community.requests.RequestEnums.MediationOutcome;
import cn.resettle.community.requests.RequestEnums.Status;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and answer bodies of one-stop service requests. */
public final class RequestDtos {
    private RequestDtos() {
    }

    /**
     * A new request. {@code householdId}: staff name the household; a resident may leave it out (their own household,
     * from the token). {@code parties}: the people in a dispute (at least two for DISPUTE).
     */
    public record FileRequest(UUID householdId, @NotNull Category category, @NotBlank @Size(max = 200) String title,
                              @NotBlank @Size(max = 2000) String description,
                              @Size(max = 20) List<@NotBlank @Size(max = 100) String> parties) {
    }

    public record VersionRequest(@NotNull Long version) {
    }

    public record AnswerRequest(@NotNull Long version, @NotBlank @Size(max = 2000) String answer,
                                MediationOutcome mediationOutcome) {
    }

    /** The resident's rating (满意度 1–5) closes an answered request. */
    public record CloseRequest(@NotNull Long version, @NotNull @Min(1) @Max(5) Integer rating,
                               @Size(max = 500) String comment) {
    }

    public record ReopenRequest(@NotNull Long version, @NotBlank @Size(max = 1000) String reason) {
    }

    public record RequestFilter(Status status, Category category, Level level, String siteCode, String regionCode,
                                UUID householdId, Boolean open, Boolean overdue, LocalDate from, LocalDate to) {
    }

    /** {@code overdue}: open and past the current step's deadline ({@code dueAt}). */
    public record RequestView(UUID id, long version, String requestNo, Category category, String kind, UUID householdId,
                              String householdNo, String siteCode, String regionCode, String title, String description,
                              List<String> parties, Channel channel, String filedBy, String department, Status status,
                              Level level, OffsetDateTime dueAt, boolean overdue, OffsetDateTime escalatedAt, String answer,
                              MediationOutcome mediationOutcome, String answeredBy, OffsetDateTime answeredAt, Integer rating,
                              String ratingComment, OffsetDateTime closedAt, int reopenCount, String address, BigDecimal lat,
                              BigDecimal lon, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record StepView(Action action, Level level, String note, String actor, OffsetDateTime at, OffsetDateTime dueAt) {
    }

    public record RequestDetail(RequestView request, List<StepView> steps) {
    }
}
