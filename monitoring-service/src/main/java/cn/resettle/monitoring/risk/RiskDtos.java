package cn.resettle.monitoring.risk;

import cn.resettle.monitoring.risk.RiskEnums.MeasureStatus;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskEnums.Status;
import cn.resettle.monitoring.rules.RiskCategory;
import cn.resettle.monitoring.rules.Severity;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class RiskDtos {
    private RiskDtos() {
    }

    public record MeasureView(UUID taskId, String domain, String department, String kind, String title,
                              LocalDate deadline, MeasureStatus status, String outcome, OffsetDateTime updatedAt) {
    }

    /** A risk with its assistance plan (帮扶计划): the measures taken for it where the help lives. */
    public record RiskView(UUID id, long version, UUID householdId, String householdNo, String regionCode,
                           String siteCode, RiskCategory category, Source source, Severity severity, String evidence,
                           Status status, String flaggedMonth, OffsetDateTime flaggedAt, OffsetDateTime closedAt,
                           String closedBy, String eliminationReason, boolean socialAssistanceReferral,
                           List<MeasureView> measures) {
    }

    /**
     * {@code reason}: required to close a risk whose plan is not done (no measure yet, or measures not done), e.g.
     * the household moved away or the flag was a mistake; recorded on the risk with who and when, and audited.
     */
    public record EliminateRequest(@NotNull Long version,
                                   @jakarta.validation.constraints.Size(max = 500)
                                   @jakarta.validation.constraints.Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String reason) {
    }

    /** A difficulty found by a cadre on the ground (基层干部排查): flagged directly, with what they saw. */
    public record CadreFinding(@NotNull UUID householdId, @NotNull RiskCategory category, @NotNull Severity severity,
                               @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 1000) String evidence) {
    }
}
