package cn.resettle.industry.workshop;

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
@Table(name = "workshop")
public class Workshop {
    @Id
    public UUID id;
    @Version
    public long version;
    @Column(nullable = false)
    public String name;
    @Column(name = "site_code", nullable = false)
    public String siteCode;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Column(nullable = false)
    public String operator;
    @Column(nullable = false)
    public String products;
    public int jobs;
    @Column(name = "opened_on", nullable = false)
    public LocalDate openedOn;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkshopEnums.Status status;
    /** The latest quarter checked ({@code 2026Q3}); null before the first check. */
    @Column(name = "last_quarter")
    public String lastQuarter;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
