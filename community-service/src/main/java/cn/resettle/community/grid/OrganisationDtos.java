package cn.resettle.community.grid;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Bodies and views of a site's organisation: party branch, building heads, grids (网格化管理). */
public final class OrganisationDtos {
    private OrganisationDtos() {
    }

    /** A site's party branch 党支部; the seeds set one up where 3 or more party members live (configuration). */
    public record BranchRequest(@NotNull UUID siteId, @NotBlank @Size(max = 100) String name,
                                @NotBlank @Size(max = 50) String secretary,
                                @NotNull @Min(0) @Max(10000) Integer partyMembers,
                                @NotNull @PastOrPresent LocalDate establishedOn) {
    }

    public record BranchUpdate(@NotNull Long version, @NotBlank @Size(max = 50) String secretary,
                               @NotNull @Min(0) @Max(10000) Integer partyMembers) {
    }

    public record BranchView(UUID id, long version, UUID siteId, String siteCode, String regionCode, String name,
                             String secretary, int partyMembers, LocalDate establishedOn) {
    }

    /** A building head 楼栋长 of one building of a site; a new head of the building ends the serving one's term. */
    public record BuildingHeadRequest(@NotNull UUID siteId, @NotBlank @Size(max = 50) String building,
                                      @NotBlank @Size(max = 50) String name, @Size(max = 64) String username,
                                      @NotNull @PastOrPresent LocalDate appointedOn) {
    }

    public record BuildingHeadView(UUID id, long version, String siteCode, String regionCode, String building, String name,
                                   String username, LocalDate appointedOn, LocalDate endedOn) {
    }

    /** A grid 网格 of a site with its grid worker 网格员 (the Keycloak username tasks are assigned to). */
    public record GridRequest(@NotNull UUID siteId,
                              @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, - and _") String code,
                              @NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 50) String workerName,
                              @NotBlank @Size(max = 64) String workerUsername) {
    }

    /** A new grid worker for the grid (the households' open tasks without an assignee follow). */
    public record WorkerChange(@NotNull Long version, @NotBlank @Size(max = 50) String workerName,
                               @NotBlank @Size(max = 64) String workerUsername) {
    }

    public record GridView(UUID id, long version, UUID siteId, String siteCode, String regionCode, String code, String name,
                           String workerName, String workerUsername, long households) {
    }

    /** Households of the grid's site that this grid covers from now on (moved from another grid if they were in one). */
    public record CoverRequest(@NotEmpty @Size(max = 500) List<@NotNull UUID> householdIds) {
    }

    public record CoveredHousehold(UUID householdId, String householdNo, String siteCode, String regionCode,
                                   String status, String assignedBy, OffsetDateTime assignedAt) {
    }

    /** Who looks after a household: its grid and grid worker (null when no grid covers it yet). */
    public record HouseholdGrid(UUID householdId, String householdNo, UUID gridId, String gridCode, String gridName,
                                String workerName, String workerUsername) {
    }
}
