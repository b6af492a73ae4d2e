package cn.resettle.industry.asset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@Entity
@Table(name = "project_asset")
public class ProjectAsset {
    @Id
    public UUID id;
    @Version
    public long version;
    @Column(name = "asset_no", nullable = false)
    public String assetNo;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssetEnums.Kind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssetEnums.Category category;
    @Column(name = "site_code", nullable = false)
    public String siteCode;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Column(nullable = false)
    public String owner;
    @Column(name = "ownership_certified", nullable = false)
    public boolean ownershipCertified;
    @Column(nullable = false)
    public BigDecimal value;
    @Enumerated(EnumType.STRING)
    @Column(name = "funding_source", nullable = false)
    public AssetEnums.FundingSource fundingSource;
    @Column(name = "completed_on", nullable = false)
    public LocalDate completedOn;
    @Column(name = "useful_life_years", nullable = false)
    public int usefulLifeYears;
    @Column(name = "residual_rate", nullable = false)
    public BigDecimal residualRate;
    @Column(nullable = false)
    public String custodian;
    @Column(name = "maintenance_fund", nullable = false)
    public BigDecimal maintenanceFund;
    @Column(name = "maintenance_every_months", nullable = false)
    public int maintenanceEveryMonths;
    @Column(name = "last_maintained_on")
    public LocalDate lastMaintainedOn;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssetEnums.Status status;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The next maintenance date: the last one (or completion) plus the maintenance interval. */
    public LocalDate maintenanceDue() {
        return (lastMaintainedOn == null ? completedOn : lastMaintainedOn).plusMonths(maintenanceEveryMonths);
    }

    public record Depreciation(LocalDate asOf, long monthsInUse, BigDecimal monthly, BigDecimal accumulated,
                               BigDecimal netValue, boolean fullyDepreciated) {
    }

    /**
     * Straight-line depreciation by whole months from the month after completion (the usual rule for fixed assets),
     * down to the residual value: monthly = value × (1 − residual rate) / (useful life × 12).
     */
    public Depreciation depreciation(LocalDate asOf) {
        long months = Math.max(0, ChronoUnit.MONTHS.between(completedOn.withDayOfMonth(1), asOf.withDayOfMonth(1)));
        BigDecimal depreciable = value.multiply(BigDecimal.ONE.subtract(residualRate));
        BigDecimal monthly = depreciable.divide(BigDecimal.valueOf(usefulLifeYears * 12L), 2, RoundingMode.HALF_UP);
        BigDecimal accumulated = monthly.multiply(BigDecimal.valueOf(months)).min(depreciable).setScale(2, RoundingMode.HALF_UP);
        boolean full = months >= usefulLifeYears * 12L;
        if (full) {
            accumulated = depreciable.setScale(2, RoundingMode.HALF_UP);
        }
        return new Depreciation(asOf, months, monthly, accumulated, value.subtract(accumulated).setScale(2, RoundingMode.HALF_UP), full);
    }
}
