package cn.resettle.common.registry;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class RegistryViews {
    private RegistryViews() {
    }

    /**
     * A person in the copy. The copy never holds a clear ID number or birth date: {@code idNumber} is the masked
     * form for every caller, and only the birth year is kept.
     */
    public record PersonCopy(UUID id, String idNumber, String name, String gender, Integer birthYear,
                             String relationship, String labourCapacity, String employmentStatus, String health,
                             String status) {
    }

    /**
     * A household as this service knows it from events. {@code eventsApplied} is how many registry events changed
     * this copy; {@code version} is the registry version it reflects.
     */
    public record HouseholdCopy(UUID id, long version, String householdNo, UUID siteId, String siteCode,
                                String regionCode, String relocationType, String placementType, String status,
                                int memberCount, int eventsApplied, OffsetDateTime updatedAt, List<PersonCopy> members) {
    }
}
