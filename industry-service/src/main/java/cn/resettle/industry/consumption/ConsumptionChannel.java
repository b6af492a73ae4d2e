package cn.resettle.industry.consumption;

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
@Table(name = "consumption_channel")
public class ConsumptionChannel {
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
    public ConsumptionDtos.Kind kind;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String buyer;
    @Column(nullable = false)
    public String products;
    @Column(name = "agreement_no")
    public String agreementNo;
    @Column(name = "agreed_amount")
    public BigDecimal agreedAmount;
    @Column(name = "agreement_from", nullable = false)
    public LocalDate agreementFrom;
    @Column(name = "agreement_to")
    public LocalDate agreementTo;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
