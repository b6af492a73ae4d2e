package cn.resettle.common.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Contracts of the events community-service publishes on {@link Topics#COMMUNITY}. JSON schemas of the same
 * payloads are in {@code src/main/resources/schemas/}; the catalogue is docs/events.md.
 */
public final class CommunityEvents {
    private CommunityEvents() {
    }

    @EventType(value = "cn.resettle.community.site.registered.v1", aggregate = "site")
    public record SiteRegistered(SiteSnapshot site) {
    }

    @EventType(value = "cn.resettle.community.site.updated.v1", aggregate = "site")
    public record SiteUpdated(SiteSnapshot site) {
    }

    public record SiteSnapshot(UUID id, long version, String code, String name, String countyCode,
                               String townshipCode, String areaType, String status) {
    }

    @EventType(value = "cn.resettle.community.household.registered.v1", aggregate = "household")
    public record HouseholdRegistered(HouseholdSnapshot household) {
    }

    @EventType(value = "cn.resettle.community.household.updated.v1", aggregate = "household")
    public record HouseholdUpdated(HouseholdSnapshot household) {
    }

    @EventType(value = "cn.resettle.community.household.moved-out.v1", aggregate = "household")
    public record HouseholdMovedOut(HouseholdSnapshot household, String reason, LocalDate movedOutOn) {
    }

    @EventType(value = "cn.resettle.community.household.member-added.v1", aggregate = "household")
    public record MemberAdded(HouseholdSnapshot household, UUID personId) {
    }

    @EventType(value = "cn.resettle.community.household.member-updated.v1", aggregate = "household")
    public record MemberUpdated(HouseholdSnapshot household, UUID personId) {
    }

    /**
     * A safety hazard or disaster recorded at a site: the households it affects (all active households of the
     * site when none are named) are flagged in monitoring. {@code category}: GEOLOGICAL, HOUSING, FIRE, FLOOD,
     * OTHER_DISASTER.
     */
    @EventType(value = "cn.resettle.community.hazard.recorded.v1", aggregate = "site")
    public record HazardRecorded(UUID hazardId, UUID siteId, String siteCode, String regionCode, String category,
                                 String severity, String description, java.util.List<UUID> householdIds,
                                 LocalDate recordedOn) {
    }

    /** A housing-extension application was refused (for example because the household became a monitoring subject). */
    @EventType(value = "cn.resettle.community.housing-extension.refused.v1", aggregate = "household")
    public record HousingExtensionRefused(UUID applicationId, UUID householdId, String reason) {
    }

    /**
     * A one-stop service request was filed and routed to a department (key: household id). Carries no description or
     * names: a department that takes the request up (employment for JOBS) reads what it needs from the request.
     */
    @EventType(value = "cn.resettle.community.service-request.filed.v1", aggregate = "household")
    public record ServiceRequestFiled(UUID requestId, String requestNo, UUID householdId, String householdNo,
                                      String regionCode, String siteCode, String category, String department,
                                      String level, java.time.OffsetDateTime dueAt, java.time.OffsetDateTime filedAt) {
    }

    /**
     * A site's quarterly inspection score 点长专项督导 was recorded (key: site id; issue 13: the command view's ranking).
     * {@code chiefName}: the site chief serving then (an official; the ranking is published to the county), or null.
     */
    @EventType(value = "cn.resettle.community.site-score.recorded.v1", aggregate = "site")
    public record SiteScoreRecorded(UUID scoreId, UUID siteId, String siteCode, String regionCode, String quarter,
                                    java.math.BigDecimal score, String chiefName, String inspector,
                                    java.time.OffsetDateTime recordedAt) {
    }

    public static final String SITE_SCORE_RECORDED = "cn.resettle.community.site-score.recorded.v1";
    public static final String HAZARD_RECORDED = "cn.resettle.community.hazard.recorded.v1";

    /** Prefix shared by every household event type: consumers of projections match on it. */
    public static final String HOUSEHOLD_TYPE_PREFIX = "cn.resettle.community.household.";
}
