package cn.resettle.monitoring.command;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

public final class FiveTypesDtos {
    private FiveTypesDtos() {
    }

    public enum ItemKind { METRIC, ATTESTED }

    /** One checklist item: METRIC items name a figure or rate and the threshold it must reach; ATTESTED are recorded. */
    public record ItemRequest(@NotNull SiteType siteType,
                              @NotBlank @Pattern(regexp = "[A-Z0-9-]{1,40}", message = "must be 1-40 capital letters, digits or -") String code,
                              @NotBlank @Size(max = 300) String title,
                              @NotNull ItemKind kind,
                              @Size(max = 40) String figure,
                              @DecimalMin(value = "0", message = "must be 0 or more") BigDecimal threshold) {
    }

    public record ChecklistRequest(@NotEmpty @Size(max = 200) List<@Valid @NotNull ItemRequest> items) {
    }

    public record ItemView(SiteType siteType, String code, String title, ItemKind kind, String figure, BigDecimal threshold) {
    }

    /** {@code source} COUNTY (the county's own list of {@code effectiveYear}) or TEMPLATE (seed 002 annex 2). */
    public record ChecklistView(String county, int year, String source, Integer effectiveYear, List<ItemView> items) {
    }

    public record AttestationRequest(@NotNull Boolean met, @NotBlank @Size(max = 500) String evidence) {
    }

    /** An item judged for a site: met or not, and the evidence that decided it (a figure and its time, or who attested what). */
    public record ItemResult(String code, String title, ItemKind kind, boolean met, String evidence, String figure,
                             Double value, BigDecimal threshold, OffsetDateTime decidedAt, String decidedBy) {
    }

    public record TypeResult(SiteType type, String label, boolean qualified, List<ItemResult> items) {
    }

    /** A site against the five checklists; {@code gaps}: the items not met, by type. */
    public record SiteAssessment(String site, String region, int year, String month, List<TypeResult> types,
                                 List<SiteType> qualified, List<Gap> gaps) {
    }

    public record Gap(SiteType type, String code, String title, String evidence) {
    }

    public record SiteSummary(String site, String region, List<SiteType> qualified, int gaps) {
    }
}
