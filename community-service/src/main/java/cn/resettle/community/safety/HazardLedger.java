package cn.resettle.community.safety;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.LedgerSheet;
import cn.resettle.common.web.ListQuery;
import cn.resettle.community.safety.HazardService.HazardFilter;
import cn.resettle.community.safety.HazardService.HazardView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The hazard ledger 安全隐患台账 as .xlsx: one row per hazard with its follow-ups. Counted first: more than
 * {@link #MAX_ROWS} is a 422 asking for a narrower filter, never a cut file.
 */
@ApplicationScoped
public class HazardLedger {
    public static final String XLSX = LedgerSheet.XLSX;
    public static final int MAX_ROWS = 200_000;
    static final String[] HEADERS = {"安置点", "乡镇", "隐患类别", "隐患等级", "隐患描述", "涉及户数", "排查日期", "登记人", "整改责任人",
            "整改时限", "状态", "是否逾期", "跟踪督办记录", "消除日期", "整改佐证", "销号人"};

    @Inject
    EntityManager em;
    @Inject
    HazardService hazards;
    @Inject
    PersonalDataAudit audit;

    @Transactional
    public Response export(HazardFilter f) {
        ListQuery q = hazards.filtered(f);
        Query count = em.createNativeQuery("select count(*) from safety_hazard h where " + q.where());
        q.params().forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total > MAX_ROWS) {
            throw DomainException.unprocessable("ledger-too-large", "the ledger would have " + total
                    + " rows, more than one export holds (" + MAX_ROWS + "); narrow it by siteCode, regionCode or status");
        }
        Query rows = em.createNativeQuery("select " + HazardService.COLUMNS + ", (select string_agg(cast(u.followed_on as text) "
                + "|| ' ' || u.note, '；' order by u.id) from safety_hazard_follow_up u where u.hazard_id = h.id) as follow_ups "
                + "from safety_hazard h where " + q.where() + " order by h.region_code, h.site_code, h.recorded_on", Tuple.class);
        q.params().forEach(rows::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> result = rows.getResultList();
        List<Object[]> cells = new ArrayList<>(result.size());
        List<UUID> households = new ArrayList<>();
        for (Tuple t : result) {
            HazardView h = HazardService.view(t);
            households.addAll(h.householdIds());
            cells.add(new Object[]{h.siteCode(), h.regionCode(), h.category().label(), h.severity().label(), h.description(),
                    h.householdIds().isEmpty() ? "全点" : h.householdIds().size(), str(h.recordedOn()), h.recordedBy(),
                    h.owner(), str(h.dueOn()), h.status().label(), h.overdue() ? "是" : "否", t.get("follow_ups", String.class),
                    str(h.removedOn()), h.evidence(), h.closedBy()});
        }
        audit.export("hazard", households.stream().distinct().toList(), false, f.toString());
        StreamingOutput body = LedgerSheet.stream("安全隐患台账", HEADERS, cells);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"hazard-ledger.xlsx\"").build();
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
