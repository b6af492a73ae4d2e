package cn.resettle.common.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Events monitoring-service publishes on {@link Topics#MONITORING}; the key is the household id. */
public final class MonitoringEvents {
    private MonitoringEvents() {
    }

    /**
     * A risk of falling back into poverty was found. {@code category} is a {@code RiskCategory} code
     * (INCOME_DROP, JOB_LOSS, MEDICAL_EXPENSE, ILLNESS, DISABILITY, EDUCATION, HOUSING_SAFETY, DRINKING_WATER,
     * DISASTER, ACCIDENT, OTHER); {@code source} the discovery channel or trigger.
     */
    @EventType(value = "cn.resettle.monitoring.risk.flagged.v1", aggregate = "household")
    public record RiskFlagged(UUID riskId, UUID householdId, String householdNo, String regionCode, String siteCode,
                              String category, String source, String severity, String evidence,
                              OffsetDateTime flaggedAt) {
    }

    /** The risk is closed: {@code outcome} ELIMINATED (stable again) or LONG_TERM (no labour: long-term monitoring with a social-assistance referral). */
    @EventType(value = "cn.resettle.monitoring.risk.eliminated.v1", aggregate = "household")
    public record RiskEliminated(UUID riskId, UUID householdId, String regionCode, String siteCode, String category,
                                 String outcome, String decidedBy, OffsetDateTime decidedAt) {
    }

    /** The household was approved as a monitoring subject 监测对象 of the given type (三类人员). */
    @EventType(value = "cn.resettle.monitoring.subject.identified.v1", aggregate = "household")
    public record SubjectIdentified(UUID caseId, UUID householdId, String regionCode, String siteCode,
                                    String subjectType, String approvedBy, OffsetDateTime approvedAt) {
    }

    /**
     * A monthly return visit 每月回访 was recorded (issue 13: the command view counts visit coverage). Carries no
     * income, health or other finding of the visit: those stay in monitoring.
     */
    @EventType(value = "cn.resettle.monitoring.visit.recorded.v1", aggregate = "household")
    public record VisitRecorded(UUID visitId, UUID householdId, String householdNo, String regionCode, String siteCode,
                                String visitMonth, java.time.LocalDate visitedOn) {
    }

    public static final String VISIT_RECORDED = "cn.resettle.monitoring.visit.recorded.v1";
    public static final String RISK_FLAGGED = "cn.resettle.monitoring.risk.flagged.v1";
    public static final String RISK_ELIMINATED = "cn.resettle.monitoring.risk.eliminated.v1";
    public static final String SUBJECT_IDENTIFIED = "cn.resettle.monitoring.subject.identified.v1";
}
