package cn.resettle.monitoring.employment;

import cn.resettle.common.events.EmploymentEvents.PlacementEnded;
import cn.resettle.common.events.EmploymentEvents.PlacementStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A placement started or ended in employment-service: kept as the household's employment evidence (shown at
 * {@code /api/monitoring/employment-changes}, e.g. the changes since the household's last visit). One row per
 * placement and change, so a repeated event changes nothing even if it passed the inbox. The JOB_LOSS risk still comes
 * from {@code job.lost} alone.
 */
@ApplicationScoped
public class EmploymentChangeHandler {

    @Inject
    EntityManager em;

    public void onStarted(PlacementStarted s) {
        insert(s.placementId(), "STARTED", s.personId(), s.householdId(), s.regionCode(), s.siteCode(), s.kind(), s.startedOn(), null, null);
    }

    public void onEnded(PlacementEnded e) {
        insert(e.placementId(), "ENDED", e.personId(), e.householdId(), e.regionCode(), e.siteCode(), e.kind(), e.endedOn(), e.reason(),
                e.householdWithoutEmployment());
    }

    private void insert(UUID placementId, String change, UUID personId, UUID householdId, String regionCode, String siteCode,
                        String kind, LocalDate on, String reason, Boolean withoutEmployment) {
        em.createNativeQuery("""
                        insert into employment_change (id, placement_id, change, person_id, household_id, region_code, site_code, kind,
                          changed_on, end_reason, household_without_employment, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                        on conflict on constraint employment_change_once do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, placementId).setParameter(3, change).setParameter(4, personId)
                .setParameter(5, householdId).setParameter(6, regionCode).setParameter(7, siteCode).setParameter(8, kind)
                .setParameter(9, on).setParameter(10, reason).setParameter(11, withoutEmployment)
                .setParameter(12, OffsetDateTime.now()).executeUpdate();
    }
}
