package cn.resettle.common.registry;

import static cn.resettle.common.web.SqlValues.str;
import static cn.resettle.common.web.SqlValues.time;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.registry.RegistryViews.HouseholdCopy;
import cn.resettle.common.registry.RegistryViews.PersonCopy;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the registry copy, always inside the caller's data scope, masked and audited like the registry itself. */
@ApplicationScoped
@Transactional
public class RegistryReadService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    /** One page in (township, household number) order, by offset or cursor; the total as ListQuery gives it. */
    public PageResult<HouseholdCopy> list(String regionCode, String siteCode, String labourCapacity, PageRequest page) {
        PageResult<HouseholdCopy> result = ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("h.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("h.site_code = :site", "site", siteCode)
                .and("exists (select 1 from registry_person p where p.household_id = h.id and p.status = 'ACTIVE' "
                        + "and p.labour_capacity = :labour)", "labour", labourCapacity)
                .nativePage(em, "h.id, h.version, h.household_no, h.site_id, h.site_code, h.region_code, h.relocation_type, "
                                + "h.placement_type, h.status, h.member_count, h.events_applied, h.updated_at",
                        "registry_household h", "h.region_code, h.household_no, h.id", page, RegistryReadService::household);
        audit.list("household-copy", result.items().stream().map(HouseholdCopy::id).toList(), false,
                "region=" + regionCode + ",site=" + siteCode + ",labour=" + labourCapacity);
        return result;
    }

    private static HouseholdCopy household(jakarta.persistence.Tuple t) {
        return household(new Object[] {t.get("id"), t.get("version"), t.get("household_no"), t.get("site_id"),
                t.get("site_code"), t.get("region_code"), t.get("relocation_type"), t.get("placement_type"), t.get("status"),
                t.get("member_count"), t.get("events_applied"), t.get("updated_at")}, null);
    }

    public HouseholdCopy get(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> r = em.createNativeQuery("select id, version, household_no, site_id, site_code, region_code, "
                        + "relocation_type, placement_type, status, member_count, events_applied, updated_at "
                        + "from registry_household where id = ?1")
                .setParameter(1, id).getResultList();
        if (r.isEmpty()) {
            throw DomainException.notFound("household", id);
        }
        Object[] row = r.get(0);
        if (!scope.allows((String) row[5], (String) row[4])) {
            throw DomainException.notFound("household", id);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> people = em.createNativeQuery("select id, id_number_masked, name, gender, birth_year, relationship, "
                        + "labour_capacity, employment_status, health, status from registry_person where household_id = ?1 "
                        + "order by birth_year, id")
                .setParameter(1, id).getResultList();
        List<PersonCopy> members = people.stream().map(p -> new PersonCopy((UUID) p[0], (String) p[1], (String) p[2],
                str(p[3]), p[4] == null ? null : ((Number) p[4]).intValue(), (String) p[5], (String) p[6], (String) p[7],
                (String) p[8], (String) p[9])).toList();
        audit.read("household-copy", id, false);
        return household(row, members);
    }

    private static HouseholdCopy household(Object[] r, List<PersonCopy> members) {
        return new HouseholdCopy((UUID) r[0], ((Number) r[1]).longValue(), (String) r[2], (UUID) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], (String) r[8], ((Number) r[9]).intValue(),
                ((Number) r[10]).intValue(), time(r[11]), members);
    }
}
