package cn.resettle.community.requests;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.LedgerSheet;
import cn.resettle.common.web.ListQuery;
import cn.resettle.community.requests.RequestDtos.RequestFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The request ledger 群众诉求处理台账 as .xlsx. The rows are counted first: more than {@link #MAX_ROWS} is a 422 asking for a narrower filter, never a silently cut file. The workbook is written to the response as
 * it is produced (fastexcel streams; the sheet is flushed every 1000 rows).
 */
@ApplicationScoped
public class RequestLedger {
    public static final String XLSX = LedgerSheet.XLSX;
    /** Rows one export may hold (an Excel sheet holds 1,048,575 below its header; the rows are held in memory first). */
    public static final int MAX_ROWS = 200_000;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final String[] HEADERS = {"诉求编号", "户编号", "安置点", "乡镇", "类别", "诉求事项", "诉求内容", "当事人", "提交方式",
            "提交人", "责任部门", "当前层级", "状态", "办理时限", "是否逾期", "答复内容", "调解结果", "答复人", "答复时间", "满意度",
            "评价意见", "重新办理次数", "提交时间", "办结时间"};

    @Inject
    EntityManager em;
    @Inject
    ServiceRequestService requests;
    @Inject
    PersonalDataAudit audit;

    @Transactional
    public Response export(RequestFilter f) {
        ListQuery q = requests.scoped()
                .and("r.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("r.category = :category", "category", f.category() == null ? null : f.category().name())
                .and("r.site_code = :site", "site", f.siteCode())
                .and("r.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("r.created_at >= :from", "from", f.from() == null ? null : f.from().atStartOfDay().atOffset(ZoneOffset.UTC))
                .and("r.created_at < :to", "to", f.to() == null ? null : f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        if (Boolean.TRUE.equals(f.overdue())) {
            q.and(ServiceRequestService.OPEN).and("r.due_at < :now", "now", OffsetDateTime.now(ZoneOffset.UTC));
        }
        Query count = em.createNativeQuery("select count(*) from service_request r where " + q.where());
        q.params().forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total > MAX_ROWS) {
            throw DomainException.unprocessable("ledger-too-large", "the ledger would have " + total
                    + " rows, more than one export holds (" + MAX_ROWS + "); narrow it by siteCode, regionCode or from/to");
        }
        Query rows = em.createNativeQuery("select " + ServiceRequestService.COLUMNS + " from service_request r where "
                + q.where() + " order by r.region_code, r.site_code, r.created_at", Tuple.class);
        q.params().forEach(rows::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> result = rows.getResultList();
        List<Object[]> cells = new ArrayList<>(result.size());
        List<UUID> households = new ArrayList<>();
        for (Tuple t : result) {
            RequestDtos.RequestView r = requests.view(t);
            households.add(r.householdId());
            cells.add(new Object[]{r.requestNo(), r.householdNo(), r.siteCode(), r.regionCode(), r.category().label(),
                    r.title(), r.description(), String.join("、", r.parties()), r.channel().label(), r.filedBy(),
                    r.department(), r.level().label(), r.status().label(), at(r.dueAt()), r.overdue() ? "是" : "否",
                    r.answer(), r.mediationOutcome() == null ? null : r.mediationOutcome().label(), r.answeredBy(),
                    at(r.answeredAt()), r.rating(), r.ratingComment(), r.reopenCount(), at(r.createdAt()), at(r.closedAt())});
        }
        audit.export("service-request", households.stream().distinct().toList(), false, f.toString());
        StreamingOutput body = LedgerSheet.stream("群众诉求处理台账", HEADERS, cells);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"service-request-ledger.xlsx\"").build();
    }

    private static String at(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(CHINA).format(AT);
    }
}
