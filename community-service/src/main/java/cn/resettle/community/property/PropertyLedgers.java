package cn.resettle.community.property;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.community.property.PropertyDtos.FeeView;
import cn.resettle.community.property.PropertyDtos.MaintenanceView;
import cn.resettle.community.property.PropertyService.FeeFilter;
import cn.resettle.community.property.PropertyService.MaintenanceFilter;
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
 * The facility-maintenance ledger 设施维护台账 and the property-fee ledger 物业费收缴及减免台账 as .xlsx. Counted first:
 * more than {@link #MAX_ROWS} rows is a 422 asking for a narrower filter, never a cut file.
 */
@ApplicationScoped
public class PropertyLedgers {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int MAX_ROWS = 200_000;
    static final String[] MAINTENANCE_HEADERS = {"安置点", "乡镇", "设施", "类别", "故障/维护内容", "报修日期", "维修单位", "状态",
            "完成日期", "维护结果", "费用（元）", "登记人", "验收人"};
    static final String[] FEE_HEADERS = {"安置点", "乡镇", "户编号", "月份", "应缴（元）", "减免（元）", "减免类别", "减免原因",
            "减免资金来源", "减免审批人", "已缴（元）", "欠缴（元）", "状态", "最近缴费日期"};

    @Inject
    EntityManager em;
    @Inject
    PropertyService service;
    @Inject
    PersonalDataAudit audit;

    @Transactional
    public Response maintenance(MaintenanceFilter f) {
        List<Tuple> result = rows(service.maintenanceQuery(f), PropertyService.MAINTENANCE_COLUMNS, "facility_maintenance m",
                "m.region_code, m.site_code, m.reported_on, m.id");
        List<Object[]> cells = new ArrayList<>(result.size());
        for (Tuple t : result) {
            MaintenanceView m = PropertyService.maintenanceView(t);
            cells.add(new Object[]{m.siteCode(), m.regionCode(), m.facility(), m.category().label(), m.description(),
                    str(m.reportedOn()), m.contractor(), "DONE".equals(m.status()) ? "已完成" : "维修中", str(m.doneOn()), m.result(),
                    m.cost(), m.createdBy(), m.closedBy()});
        }
        return xlsx("设施维护台账", MAINTENANCE_HEADERS, cells, "facility-maintenance-ledger.xlsx");
    }

    @Transactional
    public Response fees(FeeFilter f) {
        List<Tuple> result = rows(service.feeQuery(f), PropertyService.FEE_COLUMNS, "property_fee f",
                "f.period, f.region_code, f.site_code, f.household_no, f.id");
        List<Object[]> cells = new ArrayList<>(result.size());
        List<UUID> households = new ArrayList<>();
        for (Tuple t : result) {
            FeeView v = PropertyService.feeView(t);
            households.add(v.householdId());
            cells.add(new Object[]{v.siteCode(), v.regionCode(), v.householdNo(), v.period(), v.amountDue(), v.relief(),
                    v.reliefKind() == null ? null : v.reliefKind().label(), v.reliefReason(), v.reliefSource(), v.reliefBy(),
                    v.paid(), v.outstanding(), v.status().label(), str(v.lastPaidOn())});
        }
        audit.export("property-fee", households.stream().distinct().toList(), false, f.toString());
        return xlsx("物业费收缴及减免台账", FEE_HEADERS, cells, "property-fee-ledger.xlsx");
    }

    private List<Tuple> rows(ListQuery q, String columns, String from, String order) {
        Query count = em.createNativeQuery("select count(*) from " + from + " where " + q.where());
        q.params().forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total > MAX_ROWS) {
            throw DomainException.unprocessable("ledger-too-large", "the ledger would have " + total
                    + " rows, more than one export holds (" + MAX_ROWS + "); narrow it by siteCode, regionCode or dates");
        }
        Query rows = em.createNativeQuery("select " + columns + " from " + from + " where " + q.where() + " order by " + order, Tuple.class);
        q.params().forEach(rows::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> result = rows.getResultList();
        return result;
    }

    private static Response xlsx(String sheet, String[] headers, List<Object[]> cells, String file) {
        StreamingOutput body = out -> {
            Workbook wb = new Workbook(out, "resettle", "1.0");
            Worksheet ws = wb.newWorksheet(sheet);
            for (int c = 0; c < headers.length; c++) {
                ws.value(0, c, headers[c]);
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
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    private static String str(Object d) {
        return d == null ? null : d.toString();
    }
}
