package cn.resettle.employment.coverage;

import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.web.Xlsx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

/**
 * Employment coverage 1户1人以上稳定就业: per site, township or county, the households with labour (an active member
 * who can work), those with at least one member employed, the rate, and the work list: households with labour and
 * nobody employed. "Employed" is the current status (employment's own record first, the registry's monthly status
 * otherwise): a placement raises the rate at once, its end lowers it.
 */
@ApplicationScoped
@Transactional
public class CoverageService {

    public enum Level implements DictionaryEntry.Labelled {
        SITE("安置点"), TOWNSHIP("乡镇"), COUNTY("县");
        private final String label;

        Level(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        String key() {
            return switch (this) {
                case SITE -> "coalesce(hh.site_code, 'DISPERSED')";
                case TOWNSHIP -> "hh.region_code";
                case COUNTY -> "left(hh.region_code, 6)";
            };
        }
    }

    public record CoverageRow(String code, long householdsWithLabour, long householdsEmployed,
                              long householdsWithoutEmployment, BigDecimal rate) {
    }

    public record WorkListRow(UUID householdId, String householdNo, String siteCode, String regionCode, int membersWithLabour,
                              int membersSeekingWork) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    /** One row per household in scope: its members who can work, are employed, seek work. */
    private String households(ListQuery q) {
        String employed = "'" + String.join("','", EmploymentStatus.employedStatuses().stream().map(Enum::name).toList()) + "'";
        String labour = "'" + String.join("','", LabourCapacity.workingCodes()) + "'";
        return """
                (select h.id, h.household_no, h.site_code, h.region_code,
                   count(*) filter (where p.labour_capacity in (%2$s)) as labour,
                   count(*) filter (where coalesce(e.status, p.employment_status) in (%1$s)) as employed,
                   count(*) filter (where p.labour_capacity in (%2$s)
                     and coalesce(e.status, p.employment_status, 'UNEMPLOYED') not in (%1$s, 'STUDENT')) as seeking
                 from registry_household h join registry_person p on p.household_id = h.id and p.status = 'ACTIVE'
                   left join person_employment e on e.person_id = p.id
                 where h.status = 'ACTIVE' and %3$s
                 group by h.id, h.household_no, h.site_code, h.region_code) hh""".formatted(employed, labour, q.where());
    }

    private ListQuery scoped(String siteCode, String regionCode) {
        return ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("h.site_code = :site", "site", siteCode)
                .and("h.region_code like :region", "region", regionCode == null ? null : regionCode + "%");
    }

    public List<CoverageRow> coverage(Level level, String siteCode, String regionCode) {
        ListQuery q = scoped(siteCode, regionCode);
        Query rows = em.createNativeQuery("select " + level.key() + " as code, count(*) filter (where hh.labour > 0) as with_labour, "
                + "count(*) filter (where hh.labour > 0 and hh.employed > 0) as employed from " + households(q)
                + " group by 1 having count(*) filter (where hh.labour > 0) > 0 order by 1", Tuple.class);
        q.params().forEach(rows::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> result = rows.getResultList();
        return result.stream().map(t -> {
            long with = ((Number) t.get("with_labour")).longValue();
            long employed = ((Number) t.get("employed")).longValue();
            return new CoverageRow(t.get("code", String.class), with, employed, with - employed,
                    with == 0 ? null : BigDecimal.valueOf(employed).divide(BigDecimal.valueOf(with), 4, RoundingMode.HALF_UP));
        }).toList();
    }

    public PageResult<WorkListRow> workList(String siteCode, String regionCode, PageRequest page) {
        ListQuery inner = scoped(siteCode, regionCode);
        ListQuery outer = ListQuery.where("hh.labour > 0 and hh.employed = 0");
        inner.params().forEach(outer::param);
        PageResult<WorkListRow> result = outer.nativePage(em, "hh.*", households(inner), "hh.region_code, hh.site_code, hh.household_no",
                page, CoverageService::row);
        audit.list("employment-coverage", result.items().stream().map(WorkListRow::householdId).toList(), false,
                "work list site=" + siteCode + ",region=" + regionCode);
        return result;
    }

    public Response workListExport(String siteCode, String regionCode) {
        ListQuery inner = scoped(siteCode, regionCode);
        String from = households(inner);
        Query ids = em.createNativeQuery("select hh.id from " + from + " where hh.labour > 0 and hh.employed = 0");
        inner.params().forEach(ids::setParameter);
        @SuppressWarnings("unchecked")
        List<UUID> households = ids.getResultList();
        Xlsx.requireFits(households.size());
        audit.export("employment-coverage", households, false, "work list site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"户编号", "安置点", "乡镇", "有劳动能力人数", "未就业有劳动能力人数"};
        return Xlsx.stream(em, "select hh.* from " + from + " where hh.labour > 0 and hh.employed = 0 order by hh.region_code, hh.site_code, hh.household_no",
                inner.params(), "有劳动力无就业家庭清单", headers, t -> {
                    WorkListRow r = row(t);
                    return new Object[]{r.householdNo(), r.siteCode(), r.regionCode(), r.membersWithLabour(), r.membersSeekingWork()};
                }, "有劳动力无就业家庭清单.xlsx");
    }

    static WorkListRow row(Tuple t) {
        return new WorkListRow(t.get("id", UUID.class), t.get("household_no", String.class), t.get("site_code", String.class),
                t.get("region_code", String.class), ((Number) t.get("labour")).intValue(), ((Number) t.get("seeking")).intValue());
    }
}
