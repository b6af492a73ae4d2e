package cn.resettle.industry.cooperative;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "cooperative")
public class Cooperative {
    @Id
    public UUID id;
    @Version
    public long version;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CooperativeDtos.Kind kind;
    @Column(nullable = false)
    public String name;
    @Column(name = "site_code", nullable = false)
    public String siteCode;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Column(name = "credit_code")
    public String creditCode;
    @Column(nullable = false)
    public String representative;
    @Column(nullable = false)
    public String business;
    @Column(name = "established_on", nullable = false)
    public LocalDate establishedOn;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CooperativeDtos.Status status;
    @Column(name = "dissolved_on")
    public LocalDate dissolvedOn;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
