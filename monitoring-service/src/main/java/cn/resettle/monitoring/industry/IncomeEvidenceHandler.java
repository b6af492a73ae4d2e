package cn.resettle.monitoring.industry;

import cn.resettle.common.events.IndustryEvents.IncomePaid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A dividend or rent industry-service paid to a household: kept as income evidence of the household (shown at
 * {@code /api/monitoring/income-evidence}). One row per household, kind and reference (a distribution cycle), so a
 * repeated event changes nothing even if it passed the inbox.
 */
@ApplicationScoped
public class IncomeEvidenceHandler {

    @Inject
    EntityManager em;

    public void onIncomePaid(IncomePaid p) {
        em.createNativeQuery("""
                        insert into income_evidence (id, household_id, region_code, site_code, source, kind, amount, paid_on, year,
                          reference, recorded_at) values (?1, ?2, ?3, ?4, 'industry-service', ?5, ?6, ?7, ?8, ?9, ?10)
                        on conflict on constraint income_evidence_once do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, p.householdId()).setParameter(3, p.regionCode())
                .setParameter(4, p.siteCode()).setParameter(5, p.kind()).setParameter(6, p.amount())
                .setParameter(7, p.paidOn()).setParameter(8, p.year()).setParameter(9, p.reference())
                .setParameter(10, OffsetDateTime.now()).executeUpdate();
    }
}
