package cn.resettle.monitoring.risk;

import cn.resettle.monitoring.risk.RiskEnums.Severity;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskEnums.Status;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "risk")
public class Risk extends PanacheEntityBase {
    @Id
    public UUID id;
    @Version
    public long version;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(name = "household_no")
    public String householdNo;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Column(name = "site_code")
    public String siteCode;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RiskCategory category;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;
    public String evidence;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    /** The month the risk belongs to (a visit's month, or the month it was flagged): stable income counts after it. */
    @Column(name = "flagged_month", nullable = false)
    public String flaggedMonth;
    @Column(name = "flagged_at", nullable = false)
    public OffsetDateTime flaggedAt;
    @Column(name = "flagged_by")
    public String flaggedBy;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "closed_by")
    public String closedBy;
    /** Why the risk was closed although its plan was not done (no measure yet, or measures not done); null otherwise. */
    @Column(name = "elimination_reason")
    public String eliminationReason;
    @Column(name = "social_assistance_referral", nullable = false)
    public boolean socialAssistanceReferral;
}
