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

    /** Prefix shared by every household event type: consumers of projections match on it. */
    public static final String HOUSEHOLD_TYPE_PREFIX = "cn.resettle.community.household.";
}
