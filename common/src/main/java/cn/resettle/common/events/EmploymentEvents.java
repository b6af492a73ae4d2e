package cn.resettle.common.events;

import java.time.LocalDate;
import java.util.UUID;

/** Events employment-service publishes on {@link Topics#EMPLOYMENT} (besides its task events). */
public final class EmploymentEvents {
    private EmploymentEvents() {
    }

    /**
     * A person went from employed to unemployed. {@code householdWithoutEmployment} is true when no member of the
     * household is employed any more (the case the policies watch: 1户1人以上稳定就业).
     */
    @EventType(value = "cn.resettle.employment.job.lost.v1", aggregate = "household")
    public record JobLost(UUID personId, UUID householdId, String householdNo, String regionCode, String siteCode,
                          String reason, LocalDate lostOn, boolean householdWithoutEmployment) {
    }

    public static final String JOB_LOST = "cn.resettle.employment.job.lost.v1";

    /**
     * A person started work (a placement recorded by employment). {@code kind} is the employment kind
     * (EMPLOYED_LOCAL, EMPLOYED_OUTSIDE, SELF_EMPLOYED, PUBLIC_WELFARE_POST); {@code postingId} the posting it filled,
     * when there was one. Carries no name, wage or employer contact.
     */
    @EventType(value = PLACEMENT_STARTED, aggregate = "household")
    public record PlacementStarted(UUID placementId, UUID personId, UUID householdId, String householdNo, String regionCode,
                                   String siteCode, String kind, LocalDate startedOn, UUID postingId, String employerKind) {
    }

    /**
     * A placement ended ({@code reason}: CONTRACT_ENDED, DISMISSED, RESIGNED, EMPLOYER_CLOSED, ILLNESS, DISASTER,
     * OTHER). {@code householdWithoutEmployment}: nobody of the household is employed any more; the same end is also
     * announced as {@link JobLost}, which monitoring turns into a JOB_LOSS risk.
     */
    @EventType(value = PLACEMENT_ENDED, aggregate = "household")
    public record PlacementEnded(UUID placementId, UUID personId, UUID householdId, String householdNo, String regionCode,
                                 String siteCode, String kind, LocalDate endedOn, String reason,
                                 boolean householdWithoutEmployment) {
    }

    public static final String PLACEMENT_STARTED = "cn.resettle.employment.placement.started.v1";
    public static final String PLACEMENT_ENDED = "cn.resettle.employment.placement.ended.v1";
    /**
     * A person completed a training session (技能培训结业). {@code skillsGained}: codes of employment's skills dictionary
     * added to the person's labour record; {@code certified}: a certificate was issued. Carries no name or ID number.
     */
    @EventType(value = TRAINING_COMPLETED, aggregate = "household")
    public record TrainingCompleted(UUID enrolmentId, UUID sessionId, UUID personId, UUID householdId, String householdNo,
                                    String regionCode, String siteCode, String kind, LocalDate completedOn,
                                    java.util.List<String> skillsGained, boolean certified) {
    }

    public static final String TRAINING_COMPLETED = "cn.resettle.employment.training.completed.v1";
}
