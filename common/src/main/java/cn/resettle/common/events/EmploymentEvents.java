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
}
