package cn.resettle.monitoring.ledger;

import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.LedgerSheet;
import cn.resettle.common.web.ListQuery;
import cn.resettle.monitoring.cases.CaseWorkflow;
import cn.resettle.monitoring.risk.RiskEnums;
import cn.resettle.monitoring.rules.RiskCategory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The ledgers officials keep (监测对象台账, 每月回访台账) as .xlsx, for a site, a township or the county: whatever
 * part of the caller's scope the filters select.
 */
@Path("/api/monitoring/ledgers")
@Tag(name = "台账 Ledgers")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
@Transactional
public class LedgerResource {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int MAX_ROWS = 100_000;

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    @GET
    @Path("subjects.xlsx")
    @Produces(XLSX)
    @Operation(summary = "Monitoring-subject ledger: every identification case with its household, type, status and the household's open risks; filter by site or region prefix")
    public Response subjects(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode) throws IOException {
        ListQuery q = where("c", siteCode, regionCode);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery("""
                select c.household_no, c.site_code, c.region_code, c.subject_type, c.status, c.opened_at, c.closed_at,
                  (select string_agg(r.category || '/' || r.status, '; ') from risk r where r.household_id = c.household_id)
                from monitoring_case c where""" + " " + q.where() + " order by c.region_code, c.site_code, c.household_no"), q.params())
                .setMaxResults(MAX_ROWS).getResultList();
        audit.export("monitoring-case", rows.size(), "site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"户编号", "安置点", "乡镇", "监测对象类型", "识别状态", "启动时间", "办结时间", "风险（类别/状态）"};
        return xlsx("监测对象台账", headers, rows, r -> new Object[]{r[0], r[1], r[2],
                CaseWorkflow.SubjectType.valueOf((String) r[3]).label(), CaseWorkflow.Status.valueOf((String) r[4]).label(),
                str(r[5]), str(r[6]), labels((String) r[7])}, "subject-ledger.xlsx");
    }

    @GET
    @Path("visits.xlsx")
    @Produces(XLSX)
    @Operation(summary = "Monthly visit ledger for a month: every household in scope, visited or not, with what the visit found")
    public Response visits(@QueryParam("month") @NotNull @Pattern(regexp = "20[0-9]{2}-(0[1-9]|1[0-2])") String month,
                           @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode) throws IOException {
        ListQuery q = where("h", siteCode, regionCode).param("month", month);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery("""
                select h.household_no, h.site_code, h.region_code, h.member_count, v.visited_on, v.visitor,
                  v.per_capita_income, v.medical_expense, v.health_change, v.unsafe_housing, v.unsafe_water,
                  v.child_out_of_school, v.sudden_difficulty, v.note
                from registry_household h left join visit v on v.household_id = h.id and v.visit_month = :month
                where h.status = 'ACTIVE' and""" + " " + q.where() + " order by h.region_code, h.site_code, h.household_no"), q.params())
                .setMaxResults(MAX_ROWS).getResultList();
        audit.export("visit", rows.size(), "month=" + month + ",site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"户编号", "安置点", "乡镇", "人口", "回访日期", "回访人", "人均纯收入", "医疗自付", "健康变化",
                "住房不安全", "饮水不安全", "子女失学", "突发困难", "备注"};
        return xlsx("每月回访台账 " + month, headers, rows, r -> new Object[]{r[0], r[1], r[2], r[3],
                r[4] == null ? "未回访" : str(r[4]), r[5], r[6], r[7], r[8], yes(r[9]), yes(r[10]), yes(r[11]), r[12], r[13]},
                "visit-ledger-" + month + ".xlsx");
    }

    /** The caller's scope, narrowed to a site or a region prefix when asked: the same filter the lists use. */
    private ListQuery where(String alias, String siteCode, String regionCode) {
        return ListQuery.scoped(scope.filter(alias + ".region_code", alias + ".site_code"))
                .and(alias + ".site_code = :site", "site", siteCode)
                .and(alias + ".region_code like :region", "region", regionCode == null ? null : regionCode + "%");
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query q, Map<String, Object> p) {
        p.forEach(q::setParameter);
        return q;
    }

    private static Response xlsx(String sheet, String[] headers, List<Object[]> rows,
                                 java.util.function.Function<Object[], Object[]> map, String fileName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LedgerSheet ws = LedgerSheet.open(out, sheet, headers)) {
            for (Object[] row : rows) {
                ws.row(map.apply(row));
            }
        }
        return Response.ok(out.toByteArray()).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String yes(Object o) {
        return Boolean.TRUE.equals(o) ? "是" : o == null ? null : "否";
    }

    private static String labels(String risks) {
        if (risks == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String part : risks.split("; ")) {
            String[] cs = part.split("/");
            if (!sb.isEmpty()) {
                sb.append("；");
            }
            sb.append(RiskCategory.valueOf(cs[0]).label()).append("/").append(RiskEnums.Status.valueOf(cs[1]).label());
        }
        return sb.toString();
    }
}
