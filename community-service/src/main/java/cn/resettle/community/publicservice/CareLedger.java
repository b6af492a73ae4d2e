package cn.resettle.community.publicservice;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.community.publicservice.PublicService.CareFilter;
import cn.resettle.community.publicservice.PublicServiceDtos.CareView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The care ledger 留守人员关爱台账 as .xlsx: one row per person on a care list (name, age — no ID number or birth date
 * —, household, category, carer, needs, visits). Counted first: more than {@link #MAX_ROWS} is a 422, never a cut file.
 */
@ApplicationScoped
public class CareLedger {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int MAX_ROWS = 200_000;
    static final String[] HEADERS = {"安置点", "乡镇", "类别", "姓名", "性别", "年龄", "户编号", "监护/照料人", "关爱需求", "纳入日期",
            "走访次数", "最近走访", "是否待走访", "退出日期", "退出原因"};

    @Inject
    EntityManager em;
    @Inject
    PublicService service;
    @Inject
    PersonalDataAudit audit;

    @Transactional
    public Response export(CareFilter f) {
        ListQuery q = service.careQuery(f);
        Query count = em.createNativeQuery("select count(*) from " + PublicService.CARE_FROM + " where " + q.where());
        q.params().forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total > MAX_ROWS) {
            throw DomainException.unprocessable("ledger-too-large", "the ledger would have " + total
                    + " rows, more than one export holds (" + MAX_ROWS + "); narrow it by siteCode, regionCode or category");
        }
        Query rows = em.createNativeQuery("select " + PublicService.CARE_COLUMNS + " from " + PublicService.CARE_FROM + " where "
                + q.where() + " order by c.region_code, c.site_code, c.category, h.household_no, c.id", Tuple.class);
        q.params().forEach(rows::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> result = rows.getResultList();
        List<Object[]> cells = new ArrayList<>(result.size());
        List<UUID> households = new ArrayList<>();
        for (Tuple t : result) {
            CareView c = service.careView(t);
            households.add(c.householdId());
            cells.add(new Object[]{c.siteCode(), c.regionCode(), c.category().label(), c.name(), "F".equals(c.gender()) ? "女" : "男",
                    c.age(), c.householdNo(), c.carer(), c.needs(), str(c.listedOn()), c.visits(), str(c.lastVisitOn()),
                    c.visitDue() ? "是" : "否", str(c.endedOn()), c.endReason()});
        }
        audit.export("care-person", households.stream().distinct().toList(), false, f.toString());
        StreamingOutput body = out -> {
            Workbook wb = new Workbook(out, "resettle", "1.0");
            Worksheet ws = wb.newWorksheet("留守人员关爱台账");
            for (int c = 0; c < HEADERS.length; c++) {
                ws.value(0, c, HEADERS[c]);
                ws.style(0, c).bold().set();
            }
            int r = 1;
            for (Object[] row : cells) {
                for (int c = 0; c < row.length; c++) {
                    Object v = row[c];
                    if (v instanceof Number n) {
                        ws.value(r, c, n);
                    } else if (v != null) {
                        ws.value(r, c, v.toString());
                    }
                }
                if (r++ % 1000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"care-ledger.xlsx\"").build();
    }

    private static String str(Object d) {
        return d == null ? null : d.toString();
    }
}
