package cn.resettle.monitoring.risk;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.DataScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What monitoring knows of a household: its own registry copy (fed by community events), never a remote call. */
@ApplicationScoped
public class Households {

    public record Ref(UUID id, String householdNo, String regionCode, String siteCode, String status) {
    }

    @Inject
    EntityManager em;

    public Optional<Ref> find(UUID id) {
        return first(em.createNativeQuery("select id, household_no, region_code, site_code, status from registry_household where id = ?1")
                .setParameter(1, id).getResultList());
    }

    public Optional<Ref> findByNo(String householdNo) {
        return first(em.createNativeQuery("select id, household_no, region_code, site_code, status from registry_household where household_no = ?1 "
                        + "order by (status = 'ACTIVE') desc, updated_at desc limit 1")
                .setParameter(1, householdNo).getResultList());
    }

    /** The household if the caller may see it; 404 otherwise (existence is not disclosed). */
    public Ref visible(UUID id, DataScope scope) {
        Ref h = find(id).orElseThrow(() -> DomainException.notFound("household", id));
        if (!scope.allows(h.regionCode(), h.siteCode())) {
            throw DomainException.notFound("household", id);
        }
        return h;
    }

    /** True if an active member can work ({@link LabourCapacity#canWork()}). */
    public boolean hasLabour(UUID householdId) {
        List<?> n = em.createNativeQuery("select 1 from registry_person where household_id = :household "
                        + "and status = 'ACTIVE' and labour_capacity in (:canWork) limit 1")
                .setParameter("household", householdId).setParameter("canWork", LabourCapacity.workingCodes()).getResultList();
        return !n.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Ref> first(List<?> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = ((List<Object[]>) rows).get(0);
        return Optional.of(new Ref((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4]));
    }
}
