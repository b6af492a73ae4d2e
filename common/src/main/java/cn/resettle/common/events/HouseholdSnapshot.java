package cn.resettle.common.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The registry's view of one household after a change (event-carried state transfer). Every household event
 * carries it whole, with the aggregate {@code version}, so a consumer can upsert its projection and ignore an
 * older version arriving late. Enum-like fields travel as their stable English codes.
 */
public record HouseholdSnapshot(
        UUID id,
        long version,
        String householdNo,
        UUID siteId,
        String siteCode,
        String regionCode,
        String relocationType,
        String placementType,
        String houseType,
        String originPlace,
        String status,
        List<Member> members) {

    public record Member(
            UUID id,
            String idNumber,
            String name,
            String gender,
            LocalDate birthDate,
            String relationship,
            String labourCapacity,
            String employmentStatus,
            String health,
            String status) {
    }
}
