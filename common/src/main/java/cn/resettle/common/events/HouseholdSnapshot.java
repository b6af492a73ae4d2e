package cn.resettle.common.events;

import cn.resettle.common.security.IdNumberHash;
import cn.resettle.common.security.Masking;
import cn.resettle.common.validation.CitizenIds;
import com.fasterxml.jackson.annotation.JsonInclude;

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

    /**
     * One member. The clear ID number never travels: {@code idNumberHash} is its keyed hash
     * ({@link cn.resettle.common.security.IdNumberHash}, to tell people apart and to match department files),
     * {@code idNumberMasked} the form every reader may see ({@code 360732********0014}), {@code birthYear} what
     * consumers need of the birth date (age, labour). {@code idNumber} and {@code birthDate} appear only in events
     * published before this change (still on the topic); a consumer hashes and masks them and stores neither.
     */
    public record Member(
            UUID id,
            String idNumberHash,
            String idNumberMasked,
            String name,
            String gender,
            Integer birthYear,
            String relationship,
            String labourCapacity,
            String employmentStatus,
            String health,
            String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Deprecated String idNumber,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Deprecated LocalDate birthDate) {

        /** The member as community-service publishes it: hashed, masked, birth year only. */
        public static Member of(UUID id, String clearIdNumber, IdNumberHash hash, String name, String gender,
                                Integer birthYear, String relationship, String labourCapacity, String employmentStatus,
                                String health, String status) {
            return new Member(id, hash.of(clearIdNumber), Masking.idNumber(CitizenIds.normalize(clearIdNumber)), name,
                    gender, birthYear, relationship, labourCapacity, employmentStatus, health, status, null, null);
        }
    }
}
