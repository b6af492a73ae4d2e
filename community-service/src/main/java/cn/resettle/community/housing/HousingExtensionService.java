package cn.resettle.community.housing;

import static cn.resettle.common.web.SqlValues.time;
import cn.resettle.common.events.CommunityEvents.HousingExtensionRefused;
import cn.resettle.common.events.MonitoringEvents.SubjectIdentified;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.HouseholdService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Housing-extension applications (minimal): a household applies; extension is never allowed for unstable
 * households, so an application from a monitoring subject is refused at once and a pending one is refused when
 * monitoring identifies the household.
 */
@ApplicationScoped
@Transactional
public class HousingExtensionService {

    public static final String SUBJECT_REASON = "该户已纳入防返贫监测对象，严禁扩建 (household is a monitoring subject)";

    public record Application(@NotNull UUID householdId, @NotBlank @Size(max = 500) String reason) {
    }

    public record ApplicationView(UUID id, UUID householdId, String status, String reason, String decisionNote,
                                  OffsetDateTime appliedAt, OffsetDateTime decidedAt) {
    }

    @Inject
    EntityManager em;
    @Inject
    HouseholdService households;
    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;

    public ApplicationView apply(Application req) {
        Household h = households.visible(req.householdId());
        if (isSubject(h.id)) {
            throw DomainException.unprocessable("monitoring-subject", SUBJECT_REASON);
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into housing_extension (id, version, household_id, region_code, site_code, reason, "
                        + "status, applied_by, applied_at) values (?1, 0, ?2, ?3, ?4, ?5, 'PENDING', ?6, ?7)")
                .setParameter(1, id).setParameter(2, h.id).setParameter(3, h.regionCode).setParameter(4, h.siteCode)
                .setParameter(5, req.reason()).setParameter(6, scope.actor()).setParameter(7, OffsetDateTime.now())
                .executeUpdate();
        return list(h.id).stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    public List<ApplicationView> list(UUID householdId) {
        List<Object[]> rows = em.createNativeQuery("select id, household_id, status, reason, decision_note, applied_at, decided_at "
                + "from housing_extension where household_id = ?1 order by applied_at").setParameter(1, householdId).getResultList();
        return rows.stream().map(r -> new ApplicationView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                (String) r[4], time(r[5]), time(r[6]))).toList();
    }

    public List<ApplicationView> forHousehold(UUID householdId) {
        households.visible(householdId);
        return list(householdId);
    }

    public void onSubjectIdentified(SubjectIdentified s) {
        em.createNativeQuery("insert into monitoring_subject (household_id, case_id, subject_type, identified_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict (household_id) do update set case_id = excluded.case_id, "
                        + "subject_type = excluded.subject_type, identified_at = excluded.identified_at")
                .setParameter(1, s.householdId()).setParameter(2, s.caseId()).setParameter(3, s.subjectType())
                .setParameter(4, s.approvedAt() == null ? OffsetDateTime.now() : s.approvedAt()).executeUpdate();
        @SuppressWarnings("unchecked")
        List<UUID> pending = em.createNativeQuery("select id from housing_extension where household_id = ?1 and status = 'PENDING'")
                .setParameter(1, s.householdId()).getResultList();
        for (UUID id : pending) {
            em.createNativeQuery("update housing_extension set status = 'REFUSED', decision_note = ?1, decided_at = ?2, "
                            + "version = version + 1 where id = ?3")
                    .setParameter(1, SUBJECT_REASON).setParameter(2, OffsetDateTime.now()).setParameter(3, id).executeUpdate();
            outbox.publish(Topics.COMMUNITY, s.householdId(), new HousingExtensionRefused(id, s.householdId(), SUBJECT_REASON));
        }
    }

    private boolean isSubject(UUID householdId) {
        return ((Number) em.createNativeQuery("select count(*) from monitoring_subject where household_id = ?1")
                .setParameter(1, householdId).getSingleResult()).longValue() > 0;
    }
}
