package cn.resettle.community.household;

import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.validation.CitizenId;
import cn.resettle.common.validation.DivisionCode;
import cn.resettle.community.household.Enums.Education;
import cn.resettle.community.household.Enums.Gender;
import cn.resettle.community.household.Enums.Health;
import cn.resettle.community.household.Enums.HouseType;
import cn.resettle.community.household.Enums.HouseholdStatus;
import cn.resettle.community.household.Enums.PersonStatus;
import cn.resettle.community.household.Enums.PlacementType;
import cn.resettle.community.household.Enums.Relationship;
import cn.resettle.community.household.Enums.RelocationType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public final class HouseholdDtos {
    private HouseholdDtos() {
    }

    static final String PHONE = "1\\d{10}|0\\d{2,3}-?\\d{7,8}";

    /** Registers a household, optionally with its members. Centralized placement names a site; dispersed a township. */
    public record HouseholdRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and '-' only") String householdNo,
            UUID siteId,
            @DivisionCode(level = DivisionCode.Level.TOWNSHIP) String regionCode,
            @NotNull RelocationType relocationType,
            @NotNull PlacementType placementType,
            HouseType houseType,
            @DecimalMin("0") @DecimalMax("10000") BigDecimal houseArea,
            @Size(max = 200) String originPlace,
            @DivisionCode String originRegionCode,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal homesteadArea,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal farmlandMu,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal forestMu,
            @Pattern(regexp = PHONE, message = "not a phone number") String phone,
            @PastOrPresent LocalDate relocatedOn,
            @Size(max = 30) List<@Valid @NotNull MemberRequest> members) {
    }

    public record HouseholdUpdate(
            @NotNull Long version,
            HouseType houseType,
            @DecimalMin("0") @DecimalMax("10000") BigDecimal houseArea,
            @Size(max = 200) String originPlace,
            @DivisionCode String originRegionCode,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal homesteadArea,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal farmlandMu,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal forestMu,
            @Pattern(regexp = PHONE, message = "not a phone number") String phone,
            @PastOrPresent LocalDate relocatedOn) {
    }

    public record MoveOutRequest(
            @NotNull Long version,
            @NotBlank @Size(max = 200) String reason,
            @NotNull @PastOrPresent LocalDate movedOutOn) {
    }

    public record MemberRequest(
            @NotBlank @CitizenId String idNumber,
            @NotBlank @Size(max = 50) String name,
            @NotNull Relationship relationship,
            Education education,
            Health health,
            @Min(1) @Max(4) Integer disabilityLevel,
            @NotNull LabourCapacity labourCapacity,
            @Size(max = 200) String skills,
            @NotNull EmploymentStatus employmentStatus,
            @Size(max = 200) String trainingWish,
            @Size(max = 100) String workplace,
            @Pattern(regexp = PHONE, message = "not a phone number") String phone) {
    }

    public record MemberUpdate(
            @NotNull Long version,
            @NotBlank @Size(max = 50) String name,
            @NotNull Relationship relationship,
            Education education,
            Health health,
            @Min(1) @Max(4) Integer disabilityLevel,
            @NotNull LabourCapacity labourCapacity,
            @Size(max = 200) String skills,
            @NotNull EmploymentStatus employmentStatus,
            @Size(max = 200) String trainingWish,
            @Size(max = 100) String workplace,
            @Pattern(regexp = PHONE, message = "not a phone number") String phone,
            PersonStatus status) {
    }

    /** {@code birthDate} only with the full ID number; masked views show {@code age} instead (JSON omits it). */
    public record PersonView(UUID id, long version, String idNumber, String name, Gender gender,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) LocalDate birthDate,
                             int age, Relationship relationship, Education education, Health health,
                             Integer disabilityLevel, LabourCapacity labourCapacity, String skills,
                             EmploymentStatus employmentStatus, String trainingWish, String workplace, String phone,
                             PersonStatus status) {
    }

    public record HouseholdView(UUID id, long version, String householdNo, UUID siteId, String siteCode,
                                String regionCode, RelocationType relocationType, PlacementType placementType,
                                HouseType houseType, BigDecimal houseArea, String originPlace, String originRegionCode,
                                BigDecimal homesteadArea, BigDecimal farmlandMu, BigDecimal forestMu, String phone,
                                LocalDate relocatedOn, HouseholdStatus status, LocalDate movedOutOn,
                                String movedOutReason, String headName, int memberCount, List<PersonView> members) {
    }
}
