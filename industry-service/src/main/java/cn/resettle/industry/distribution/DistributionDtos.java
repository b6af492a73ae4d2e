package cn.resettle.industry.distribution;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.Valid;
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
import java.util.List;
import java.util.UUID;

public final class DistributionDtos {
    private DistributionDtos() {
    }

    /** What asset income may be spent on [000 item 4]; DIVIDEND is paid to the beneficiary households by shares. */
    public enum Use implements Labelled {
        DIVIDEND("折股量化分红"), INDUSTRY_DEVELOPMENT("产业发展"), PUBLIC_WELFARE_POSTS("公益性岗位补贴"),
        COMMUNITY_RUNNING("社区运转经费"), STAFF_SUBSIDY("工作人员补贴"), MAINTENANCE_FUND("资产管护资金"),
        PROPERTY_FEE_RELIEF("物业费减免"), TEMPORARY_RELIEF("困难群众临时救助"), ENTREPRENEURSHIP_AWARD("创业奖补");
        private final String label;
        Use(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Status implements Labelled {
        DRAFT("草拟"), APPROVED("已审批"), DISTRIBUTED("已发放"), CLOSED("已结束");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    public record NewIncome(@NotNull @Min(2000) @Max(2100) Integer year,
                            @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                            @NotNull @PastOrPresent LocalDate receivedOn,
                            @NotBlank @Size(max = 100) String payer,
                            @Size(max = 300) String note) {
    }

    public record IncomeView(UUID id, UUID assetId, int year, BigDecimal amount, LocalDate receivedOn, String payer,
                             String note, String recordedBy) {
    }

    public record UseAmount(@NotNull Use use, @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    public record NewCycle(@NotBlank @Size(max = 32) String siteCode, @NotNull @Min(2000) @Max(2100) Integer year,
                           @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull UseAmount> uses) {
    }

    public record SetUses(@NotNull Long version, @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull UseAmount> uses) {
    }

    public record Transition(@NotNull Long version) {
    }

    public record Distribute(@NotNull Long version, @NotNull @PastOrPresent LocalDate paidOn) {
    }

    public record UseView(Use use, String label, BigDecimal amount) {
    }

    public record CycleView(UUID id, long version, String siteCode, String regionCode, int year, BigDecimal income,
                            List<UseView> uses, BigDecimal usesTotal, boolean usesAddUp, Status status,
                            String statusLabel, Integer beneficiaries, Integer totalShares, String createdBy,
                            OffsetDateTime createdAt, String approvedBy, OffsetDateTime approvedAt,
                            String distributedBy, OffsetDateTime distributedAt, LocalDate paidOn, String closedBy,
                            OffsetDateTime closedAt) {
    }

    public record ShareView(UUID householdId, String householdNo, String siteCode, int shares, BigDecimal amount,
                            LocalDate paidOn) {
    }
}
