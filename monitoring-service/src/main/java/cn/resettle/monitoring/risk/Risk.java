package cn.resettle.monitoring.risk;

import cn.resettle.common.problem.DomainException;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskEnums.Status;
import cn.resettle.monitoring.rules.RiskCategory;
import cn.resettle.monitoring.rules.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Function;
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

    /** A visit's month and the per-capita income it found. */
    public record MonthlyIncome(YearMonth month, BigDecimal perCapitaIncome) {
    }

    /** The risk may be decided on: the caller read this version, and it is still open. */
    public void requireOpen(long readVersion) {
        if (version != readVersion) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "the risk changed since you read it; reload it");
        }
        if (status != Status.OPEN) {
            throw DomainException.conflict("risk-closed", "the risk is already " + status);
        }
    }

    /**
     * Closes the risk by the policy (待其稳定获得收益后再消除风险). {@code unfinishedPlan} is what is missing from the
     * assistance plan ({@link PlanMeasure#unfinished}), null when it is done; an unfinished plan needs a
     * {@code reason}, which is kept. A household that can work needs {@code neededMonths} of stable income
     * ({@code stableMonths}, see {@link #stableIncomeRun}); one that cannot moves to long-term monitoring with a
     * social-assistance referral. Returns true when the plan was not finished (the decision is then audited).
     */
    public boolean close(String unfinishedPlan, String reason, boolean householdCanWork, int stableMonths, int neededMonths,
                         String actor) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (unfinishedPlan != null) {
            if (why == null) {
                throw DomainException.unprocessable("measures-not-done", "风险消除需帮扶措施全部落实: " + unfinishedPlan
                        + "; finish the plan first, or give a reason for closing the risk anyway");
            }
            eliminationReason = why;
        }
        if (householdCanWork) {
            if (stableMonths < neededMonths) {
                throw DomainException.unprocessable("income-not-stable", "有劳动能力的家庭须收入稳定后再消除风险: per-capita income has been above "
                        + "the line in the latest " + stableMonths + " monthly visit(s) since " + flaggedMonth + "; "
                        + neededMonths + " needed");
            }
            status = Status.ELIMINATED;
        } else {
            status = Status.LONG_TERM;
            socialAssistanceReferral = true;
        }
        closedAt = OffsetDateTime.now();
        closedBy = actor;
        return unfinishedPlan != null;
    }

    /**
     * Consecutive months, counting back from the latest visit (visits newest first), in which the visit found
     * per-capita income at or above that month's line. A month without a visit breaks the run.
     */
    public static int stableIncomeRun(List<MonthlyIncome> visitsNewestFirst, Function<YearMonth, BigDecimal> lineFor) {
        int run = 0;
        YearMonth expected = null;
        for (MonthlyIncome v : visitsNewestFirst) {
            if (expected != null && !v.month().equals(expected)) {
                break;
            }
            if (v.perCapitaIncome().compareTo(lineFor.apply(v.month())) < 0) {
                break;
            }
            run++;
            expected = v.month().minusMonths(1);
        }
        return run;
    }
}
