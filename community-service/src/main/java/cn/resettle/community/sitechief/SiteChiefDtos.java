package cn.resettle.community.sitechief;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Bodies and views of the site-chief system (点长制). */
public final class SiteChiefDtos {
    private SiteChiefDtos() {
    }

    public enum Role implements Labelled {
        CHIEF("点长"), DEPUTY("副点长"), COUNTY_CHIEF("总点长");
        private final String label;
        Role(String l) { label = l; }
        public String label() { return label; }
    }

    /** CHIEF and DEPUTY name the site; COUNTY_CHIEF the county (6 digits). A new CHIEF ends the serving one's term. */
    public record AppointRequest(@NotNull Role role, UUID siteId, String countyCode, @NotBlank @Size(max = 50) String name,
                                 @NotBlank @Size(max = 100) String position, @Size(max = 64) String username,
                                 @NotNull @PastOrPresent LocalDate appointedOn) {
    }

    public record EndRequest(@NotNull Long version, @NotNull @PastOrPresent LocalDate endedOn) {
    }

    public record ChiefView(UUID id, long version, Role role, UUID siteId, String siteCode, String regionCode, String name,
                            String position, String username, LocalDate appointedOn, LocalDate endedOn) {
    }

    /** A problem found at a visit, to be solved by {@code owner} by {@code dueOn}. */
    public record FoundProblem(@NotBlank @Size(max = 1000) String description, @NotBlank @Size(max = 100) String owner,
                               @NotNull LocalDate dueOn) {
    }

    /** A chief's visit to a site (a site chief: their own site, may be left out; the county chief: any site of the county). */
    public record VisitRequest(@NotNull UUID chiefId, UUID siteId, @NotNull @PastOrPresent LocalDate visitedOn,
                               @NotBlank @Size(max = 2000) String summary,
                               @Valid @Size(max = 50) List<@NotNull FoundProblem> problems) {
    }

    public record VisitView(UUID id, UUID chiefId, String chiefName, Role role, String siteCode, String regionCode,
                            String month, LocalDate visitedOn, String summary, int problemsFound, String recordedBy) {
    }

    public record VisitDetail(VisitView visit, List<ProblemView> problems) {
    }

    public record ProblemView(UUID id, long version, UUID visitId, String siteCode, String regionCode, String description,
                              String owner, LocalDate dueOn, String status, boolean overdue, String solution,
                              LocalDate solvedOn, String solvedBy, OffsetDateTime createdAt) {
    }

    public record SolveRequest(@NotNull Long version, @NotBlank @Size(max = 2000) String solution,
                               @NotNull @PastOrPresent LocalDate solvedOn) {
    }

    /** A chief behind on visits in a month: {@code visits} of {@code required}. */
    public record ChiefBehind(ChiefView chief, String month, int visits, int required) {
    }

    /** The quarterly inspection score of a site (季度考评), 0–100; quarter as {@code 2026-Q4}. */
    public record ScoreRequest(@NotNull UUID siteId,
                               @NotNull @Pattern(regexp = "20[0-9]{2}-Q[1-4]", message = "yyyy-Qn, e.g. 2026-Q4") String quarter,
                               @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal score,
                               @NotBlank @Size(max = 100) String inspector, @Size(max = 1000) String note) {
    }

    /** {@code rank} among the {@code rankedSites} scored sites of the county that quarter (ties share a rank). */
    public record RankedSite(int rank, int rankedSites, String siteCode, String siteName, String regionCode, String quarter,
                             BigDecimal score, String inspector, String note) {
    }
}
