package cn.resettle.industry.cooperative;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class CooperativeDtos {
    private CooperativeDtos() {
    }

    /** A farmers' cooperative or the site's (village/community) collective economic organisation. */
    public enum Kind implements Labelled {
        COOPERATIVE("农民专业合作社"), COLLECTIVE("村(社区)集体经济组织");
        private final String label;
        Kind(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Status implements Labelled {
        ACTIVE("正常运营"), DISSOLVED("已注销");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    /** {@code creditCode}: the unified social credit code (统一社会信用代码, 18 characters), when registered. */
    public record NewCooperative(@NotNull Kind kind,
                                 @NotBlank @Size(max = 100) String name,
                                 @NotBlank @Size(max = 32) String siteCode,
                                 @Pattern(regexp = "[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}",
                                         message = "must be an 18-character unified social credit code") String creditCode,
                                 @NotBlank @Size(max = 50) String representative,
                                 @NotBlank @Size(max = 300) String business,
                                 @NotNull @PastOrPresent LocalDate establishedOn) {
    }

    public record CooperativeView(UUID id, long version, Kind kind, String kindLabel, String name, String siteCode,
                                  String siteName, String regionCode, String creditCode, String representative,
                                  String business, LocalDate establishedOn, Status status, String statusLabel,
                                  LocalDate dissolvedOn, long memberHouseholds, BigDecimal totalShares,
                                  BigDecimal incomeThisYear, OffsetDateTime createdAt, String createdBy) {
    }

    public record Dissolve(@NotNull @Min(0) Long version, @NotNull @PastOrPresent LocalDate dissolvedOn) {
    }

    public record NewMember(@NotNull UUID householdId,
                            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal shares,
                            @NotNull @PastOrPresent LocalDate joinedOn,
                            @Size(max = 300) String note) {
    }

    public record MemberLeft(@NotNull @PastOrPresent LocalDate leftOn, @NotBlank @Size(max = 200) String reason) {
    }

    /** A member household; {@code shareRatio}: its shares over the active members' shares (0–1, 4 places). */
    public record MemberView(UUID id, UUID cooperativeId, UUID householdId, String householdNo, BigDecimal shares,
                             BigDecimal shareRatio, LocalDate joinedOn, LocalDate leftOn, String leftReason,
                             String recordedBy, UUID linkId) {
    }

    public record NewIncome(@NotNull @Min(2000) @Max(2100) Integer year,
                            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                            @NotBlank @Size(max = 200) String source,
                            @NotNull @PastOrPresent LocalDate receivedOn) {
    }

    public record IncomeView(UUID id, UUID cooperativeId, int year, BigDecimal amount, String source, LocalDate receivedOn,
                             String recordedBy) {
    }

    /**
     * A site's collective economy in a year: its organisations, the collective income (income of its collective
     * economic organisations) against the configured target, and the "collective economy" five-types item
     * (a collective organisation, enough cooperatives, income at least the type's target).
     */
    public record SiteCollectiveEconomy(String siteCode, String siteName, String regionCode, int year,
                                        long collectiveOrganisations, long cooperatives, long memberHouseholds,
                                        BigDecimal collectiveIncome, BigDecimal cooperativeIncome,
                                        BigDecimal incomeTarget, boolean meetsIncomeTarget,
                                        BigDecimal collectiveEconomyTypeTarget, boolean meetsCollectiveEconomyType) {
    }
}
