package cn.resettle.monitoring.risk;

import cn.resettle.monitoring.risk.RiskEnums.MeasureStatus;
import cn.resettle.monitoring.risk.RiskEnums.Severity;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskEnums.Status;
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
                           String closedBy, boolean socialAssistanceReferral, List<MeasureView> measures) {
    }

    public record EliminateRequest(@NotNull Long version) {
    }

    /** A difficulty found by a cadre on the ground (基层干部排查): flagged directly, with what they saw. */
    public record CadreFinding(@NotNull UUID householdId, @NotNull RiskCategory category, @NotNull Severity severity,
                               @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 1000) String evidence) {
    }
}
