package cn.resettle.community.exchange;

import cn.resettle.community.household.Enums.Education;
import cn.resettle.community.household.Enums.Gender;
import cn.resettle.community.household.Enums.Health;
import cn.resettle.community.household.Enums.HouseholdStatus;
import cn.resettle.community.household.Enums.PersonStatus;
import cn.resettle.community.household.Enums.PlacementType;
import cn.resettle.community.household.Enums.Relationship;
import cn.resettle.community.household.Enums.RelocationType;
import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What other government systems send and receive (数据共享交换). Field names are ours; docs/api.md maps each to the
 * item name of the social-assistance / 防止返贫监测 data standards (证件号码, 姓名, 行政区划代码 …).
 */
public final class ExchangeDtos {
    private ExchangeDtos() {
    }

    /**
     * A search: exactly one of {@code idNumber} (exact, 18 characters, valid GB 11643 check character) or
     * {@code regionCode} (a county, 6 digits, or a township, 9 digits).
     */
    public record Search(@Size(max = 18, message = "must be 18 characters") String idNumber,
                         @Pattern(regexp = "[0-9]{6}|[0-9]{9}", message = "must be a county (6 digits) or township (9 digits) code")
                         String regionCode) {
    }

    /** A household as the standards list it: the household record (户) with its members (家庭成员). */
    public record RegistryHousehold(UUID recordId, String householdNo, String regionCode, String siteCode,
                                    RelocationType relocationType, String relocationTypeLabel,
                                    PlacementType placementType, String placementTypeLabel,
                                    HouseholdStatus status, String statusLabel, LocalDate relocatedOn, String phone,
                                    String headName, int memberCount, List<RegistryPerson> members) {
    }

    public record RegistryPerson(UUID personId, String idNumber, String name, Gender gender, String genderLabel,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate birthDate, int age,
                                 Relationship relationship, String relationshipLabel, Education education,
                                 Health health, Integer disabilityLevel, LabourCapacity labourCapacity,
                                 EmploymentStatus employmentStatus, PersonStatus status, String statusLabel,
                                 boolean matched) {
    }

    public enum Programme implements cn.resettle.common.web.DictionaryEntry.Labelled {
        DIBAO("最低生活保障（低保）"), TEKUN("特困人员救助供养（特困）");
        private final String label;
        Programme(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Decision implements cn.resettle.common.web.DictionaryEntry.Labelled {
        GRANTED("批准"), REFUSED("不予批准");
        private final String label;
        Decision(String l) { label = l; }
        public String label() { return label; }
    }

    /** Civil affairs' answer to a social-assistance referral (社会救助转介办理结果). */
    public record DecisionReport(@NotNull Programme programme, @NotNull Decision decision,
                                 @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "no control characters") String decisionNo,
                                 @NotNull @PastOrPresent LocalDate decidedOn,
                                 @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100000", message = "must be at most 100000") BigDecimal monthlyAmount,
                                 LocalDate effectiveFrom,
                                 @Size(max = 500) String reason) {
    }

    public record DecisionView(UUID referralId, UUID riskId, UUID householdId, String householdNo, Programme programme,
                               String programmeLabel, Decision decision, String decisionLabel, String decisionNo,
                               LocalDate decidedOn, BigDecimal monthlyAmount, LocalDate effectiveFrom, String reason,
                               String reportedBy, OffsetDateTime reportedAt, String taskStatus) {
    }

    /** An open (or answered) referral as civil affairs sees it: the household and its members, masked by role. */
    public record Referral(UUID referralId, UUID riskId, String status, LocalDate deadline, OffsetDateTime referredAt,
                           String title, String detail, RegistryHousehold household, DecisionView decision) {
    }
}
