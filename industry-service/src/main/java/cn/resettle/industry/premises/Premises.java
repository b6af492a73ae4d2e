package cn.resettle.industry.premises;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "premises")
public class Premises {
    @Id
    public UUID id;
    @Version
    public long version;
    @Column(name = "site_code", nullable = false)
    public String siteCode;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PremisesDtos.Kind kind;
    @Column(nullable = false)
    public String address;
    @Column(name = "area_m2", nullable = false)
    public BigDecimal areaM2;
    @Column(nullable = false)
    public String owner;
    @Column(name = "monthly_rent")
    public BigDecimal monthlyRent;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PremisesDtos.Status status;
    @Column(name = "workshop_id")
    public UUID workshopId;
    @Column(name = "in_use_since")
    public LocalDate inUseSince;
    @Column(name = "idle_since")
    public LocalDate idleSince;
    public String note;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
