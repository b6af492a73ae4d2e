package cn.resettle.community.publicservice;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Bodies and views of public services near a site and the care lists (留守关爱). */
public final class PublicServiceDtos {
    private PublicServiceDtos() {
    }

    public enum FacilityKind implements Labelled {
        KINDERGARTEN("幼儿园"), PRIMARY_SCHOOL("小学"), MIDDLE_SCHOOL("初中"), CLINIC("卫生室/卫生院"), HOSPITAL("医院"),
        ELDERLY_CARE("养老服务机构"), OTHER("其他");
        private final String label;
        FacilityKind(String l) { label = l; }
        public String label() { return label; }

        /** Schools and kindergartens hold places for relocated children (随迁子女学位). */
        public boolean school() {
            return this == KINDERGARTEN || this == PRIMARY_SCHOOL || this == MIDDLE_SCHOOL;
        }
    }

    public enum CareCategory implements Labelled {
        LEFT_BEHIND_CHILD("留守儿童"), LEFT_BEHIND_ELDERLY("留守老人"), LEFT_BEHIND_WOMAN("留守妇女");
        private final String label;
        CareCategory(String l) { label = l; }
        public String label() { return label; }
    }

    /** A facility serving a site: capacity and how much of it is used (places; beds for elderly care). */
    public record FacilityRequest(@NotNull UUID siteId, @NotNull FacilityKind kind, @NotBlank @Size(max = 100) String name,
                                  @Size(max = 200) String address,
                                  @DecimalMin("0") @DecimalMax("999") BigDecimal distanceKm,
                                  @NotNull @Min(0) @Max(100000) Integer capacity, @NotNull @Min(0) @Max(100000) Integer inUse,
                                  @Min(0) @Max(100000) Integer relocatedPlaces, @Min(0) @Max(100000) Integer relocatedInUse) {
    }

    /** New capacity and use figures, with the version read. */
    public record UseUpdate(@NotNull Long version, @NotNull @Min(0) @Max(100000) Integer capacity,
                            @NotNull @Min(0) @Max(100000) Integer inUse,
                            @Min(0) @Max(100000) Integer relocatedPlaces, @Min(0) @Max(100000) Integer relocatedInUse) {
    }

    /** {@code available} places left (negative: over capacity); {@code relocatedAvailable} of the places for relocated children. */
    public record FacilityView(UUID id, long version, String siteCode, String regionCode, FacilityKind kind, String name,
                               String address, BigDecimal distanceKm, int capacity, int inUse, int available,
                               boolean overCapacity, int relocatedPlaces, int relocatedInUse, int relocatedAvailable,
                               String updatedBy) {
    }

    /** Puts a member of a household on a care list. */
    public record CareRequest(@NotNull UUID personId, @NotNull CareCategory category, @Size(max = 100) String carer,
                              @Size(max = 1000) String needs, @NotNull @PastOrPresent LocalDate listedOn) {
    }

    public record CareEnd(@NotNull Long version, @NotNull @PastOrPresent LocalDate endedOn, @NotBlank @Size(max = 500) String reason) {
    }

    /** A visit to someone on a care list (关爱走访). */
    public record CareVisitRequest(@NotNull @PastOrPresent LocalDate visitedOn, @NotBlank @Size(max = 50) String visitor,
                                   @NotBlank @Size(max = 2000) String situation, @Size(max = 1000) String helpGiven) {
    }

    /**
     * Someone on a care list: the person's name and age (no ID number, no birth date), the household, when last
     * visited and {@code visitDue} when no visit within {@code resettle.care.visit-every-days}.
     */
    public record CareView(UUID id, long version, UUID personId, String name, String gender, Integer age, UUID householdId,
                           String householdNo, String siteCode, String regionCode, CareCategory category, String carer,
                           String needs, LocalDate listedOn, LocalDate endedOn, String endReason, LocalDate lastVisitOn,
                           int visits, boolean visitDue) {
    }

    public record CareVisitView(UUID id, UUID careId, LocalDate visitedOn, String visitor, String situation, String helpGiven,
                                String recordedBy) {
    }
}
