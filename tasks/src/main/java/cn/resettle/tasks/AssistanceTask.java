package cn.resettle.tasks;

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

/** One piece of assistance work where the help lives, opened for a risk flagged in monitoring. */
@Entity
@Table(name = "assistance_task")
public class AssistanceTask {
    /** CANCELLED: the risk was closed in monitoring while the task was open (no work is owed any more). */
    public enum Status { OPEN, ACCEPTED, COMPLETED, DECLINED, CANCELLED }

    @Id
    public UUID id;
    @Version
    public long version;
    @Column(name = "risk_id", nullable = false)
    public UUID riskId;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(name = "household_no")
    public String householdNo;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Column(name = "site_code")
    public String siteCode;
    @Column(nullable = false)
    public String department;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String title;
    public String detail;
    @Column(name = "target_people")
    public String targetPeople;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    public String assignee;
    @Column(nullable = false)
    public LocalDate deadline;
    public String outcome;
    @Column(name = "decline_reason")
    public String declineReason;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean overdue(LocalDate today) {
        return (status == Status.OPEN || status == Status.ACCEPTED) && deadline.isBefore(today);
    }
}
