package cn.resettle.industry.base;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class BaseDtos {
    private BaseDtos() {
    }

    public enum Kind implements Labelled {
        BASE("产业基地"), PARK("产业园区");
        private final String label;
        Kind(String l) { label = l; }
        public String label() { return label; }
    }

    /** How a relocated household is tied to a base. EMPLOYED names the person who works there. */
    public enum Relation implements Labelled {
        EMPLOYED("基地务工"), ORDER_FARMING("订单种养/托管"), LAND_IN("土地入园(流转)"), OTHER("其他带动");
        private final String label;
        Relation(String l) { label = l; }
        public String label() { return label; }
    }

    /** {@code areaMu}: area in mu (亩); {@code investment}: yuan invested so far. */
    public record NewBase(@NotNull Kind kind,
                          @NotBlank @Size(max = 100) String name,
                          @NotBlank @Size(max = 32) String siteCode,
                          @NotBlank @Size(max = 100) String industry,
                          @NotNull @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal areaMu,
                          @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal investment,
                          @NotNull @Min(0) @Max(10_000) Integer enterprises,
                          @NotNull @Min(0) @Max(1_000_000) Integer jobs,
                          @NotNull @PastOrPresent LocalDate establishedOn) {
    }

    public record BaseView(UUID id, long version, Kind kind, String kindLabel, String name, String siteCode, String siteName,
                           String regionCode, String industry, BigDecimal areaMu, BigDecimal investment, int enterprises,
                           int jobs, LocalDate establishedOn, long relocatedWorkersEmployed, long householdsLinked,
                           OffsetDateTime createdAt, String createdBy) {
    }

    /** A household tied to the base: EMPLOYED names {@code personId} (the household follows), the others {@code householdId}. */
    public record NewHousehold(UUID householdId, UUID personId, @NotNull Relation relation,
                               @NotNull @PastOrPresent LocalDate since,
                               @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal annualIncome,
                               @Size(max = 300) String note) {
    }

    public record Ended(@NotNull @PastOrPresent LocalDate until, @NotBlank @Size(max = 200) String reason) {
    }

    /** No name, no ID number: the household number and the person's id only. */
    public record BaseHouseholdView(UUID id, UUID baseId, UUID householdId, String householdNo, UUID personId,
                                    Relation relation, String relationLabel, LocalDate since, LocalDate until,
                                    String endReason, BigDecimal annualIncome, String recordedBy, UUID linkId) {
    }
}
