package cn.resettle.industry.asset;

import jakarta.validation.constraints.DecimalMax;
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

public final class AssetDtos {
    private AssetDtos() {
    }

    public record NewAsset(@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and -") String assetNo,
                           @NotBlank @Size(max = 100) String name,
                           @NotNull AssetEnums.Kind kind,
                           @NotNull AssetEnums.Category category,
                           @NotBlank @Size(max = 32) String siteCode,
                           @NotBlank @Size(max = 100) String owner,
                           @NotNull Boolean ownershipCertified,
                           @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal value,
                           @NotNull AssetEnums.FundingSource fundingSource,
                           @NotNull @PastOrPresent LocalDate completedOn,
                           @NotNull @Min(1) @Max(100) Integer usefulLifeYears,
                           @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) @Digits(integer = 1, fraction = 4) BigDecimal residualRate,
                           @NotBlank @Size(max = 100) String custodian,
                           @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal maintenanceFund,
                           @NotNull @Min(1) @Max(120) Integer maintenanceEveryMonths) {
    }

    public record AssetView(UUID id, long version, String assetNo, String name, AssetEnums.Kind kind, String kindLabel,
                            AssetEnums.Category category, String categoryLabel, String siteCode, String regionCode,
                            String owner, boolean ownershipCertified, BigDecimal value,
                            AssetEnums.FundingSource fundingSource, String fundingSourceLabel, LocalDate completedOn,
                            int usefulLifeYears, BigDecimal residualRate, String custodian, BigDecimal maintenanceFund,
                            int maintenanceEveryMonths, LocalDate lastMaintainedOn, LocalDate maintenanceDue,
                            boolean maintenanceOverdue, AssetEnums.Status status, String statusLabel,
                            ProjectAsset.Depreciation depreciation, OffsetDateTime createdAt, String createdBy) {
    }

    public record NewMaintenance(@NotNull @PastOrPresent LocalDate maintainedOn,
                                 @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal cost,
                                 @NotBlank @Size(max = 300) String note) {
    }

    public record MaintenanceView(UUID id, UUID assetId, LocalDate maintainedOn, BigDecimal cost, String note,
                                  String recordedBy, BigDecimal fundLeft) {
    }

    /** A change proposed for approval; the field its kind needs is required (422 naming it otherwise). */
    public record NewChange(@NotNull AssetEnums.ChangeKind kind,
                            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal newValue,
                            @Size(max = 100) String newCustodian,
                            @Size(max = 100) String newOwner,
                            AssetEnums.Status newStatus,
                            @NotBlank @Size(max = 500) String reason) {
    }

    public record Decision(@NotNull Long version, @Size(max = 500) String note) {
    }

    public record ChangeView(UUID id, long version, UUID assetId, String assetNo, AssetEnums.ChangeKind kind,
                             String kindLabel, BigDecimal newValue, String newCustodian, String newOwner,
                             AssetEnums.Status newStatus, String reason, AssetEnums.ChangeStatus status,
                             String statusLabel, String proposedBy, OffsetDateTime proposedAt, String decidedBy,
                             OffsetDateTime decidedAt, String decisionNote) {
    }

    public record MaintenanceDue(UUID assetId, String assetNo, String name, String siteCode, String regionCode,
                                 String custodian, LocalDate lastMaintainedOn, LocalDate dueOn, boolean overdue,
                                 long daysOverdue) {
    }
}
