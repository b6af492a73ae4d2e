package cn.resettle.monitoring.risk;

import cn.resettle.monitoring.risk.RiskEnums.MeasureStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A measure of a household's assistance plan: the task another service opened for the risk, and its state. */
@Entity
@Table(name = "plan_measure")
public class PlanMeasure extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "risk_id", nullable = false)
    public UUID riskId;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(name = "task_id", nullable = false, unique = true)
    public UUID taskId;
    @Column(nullable = false)
    public String domain;
    @Column(nullable = false)
    public String department;
    @Column(nullable = false)
    public String kind;
    public String title;
    public LocalDate deadline;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MeasureStatus status;
    public String outcome;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public RiskDtos.MeasureView view() {
        return new RiskDtos.MeasureView(taskId, domain, department, kind, title, deadline, status, outcome, updatedAt);
    }

    public boolean done() {
        return status == MeasureStatus.DONE;
    }

    /**
     * What keeps a plan from allowing elimination, or null when it allows it: a plan needs at least one measure,
     * and every measure done.
     */
    public static String unfinished(List<PlanMeasure> plan) {
        if (plan.isEmpty()) {
            return "the assistance plan has no measure yet (no service has opened a task for this risk)";
        }
        List<PlanMeasure> pending = plan.stream().filter(m -> !m.done()).toList();
        if (pending.isEmpty()) {
            return null;
        }
        return pending.size() + " of " + plan.size() + " measures are not done ("
                + String.join(", ", pending.stream().map(m -> m.department + " " + m.kind + " " + m.status).toList()) + ")";
    }
}
