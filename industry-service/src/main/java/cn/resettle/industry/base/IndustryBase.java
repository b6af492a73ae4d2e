package cn.resettle.industry.base;

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
@Table(name = "industry_base")
public class IndustryBase {
    @Id
    public UUID id;
    @Version
    public long version;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BaseDtos.Kind kind;
    @Column(nullable = false)
    public String name;
    @Column(name = "site_code", nullable = false)
    public String siteCode;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Column(nullable = false)
    public String industry;
    @Column(name = "area_mu", nullable = false)
    public BigDecimal areaMu;
    @Column(nullable = false)
    public BigDecimal investment;
    public int enterprises;
    public int jobs;
    @Column(name = "established_on", nullable = false)
    public LocalDate establishedOn;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
