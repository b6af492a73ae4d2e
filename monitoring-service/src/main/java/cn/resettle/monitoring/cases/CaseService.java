package cn.resettle.monitoring.cases;

import static cn.resettle.common.web.SqlValues.date;
import static cn.resettle.common.web.SqlValues.time;
import cn.resettle.common.events.MonitoringEvents.SubjectIdentified;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.cases.CaseWorkflow.Status;
import cn.resettle.monitoring.cases.CaseWorkflow.Step;
import cn.resettle.monitoring.cases.CaseWorkflow.SubjectType;
import cn.resettle.monitoring.risk.Households;
import cn.resettle.monitoring.rules.RuleSet;
import cn.resettle.monitoring.rules.RuleSetService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Identification cases for monitoring subjects; each step records who and when; overdue cases are listed. */
@ApplicationScoped
@Transactional
public class CaseService {

    public enum CaseSource { DECLARATION, WARNING, CADRE }

    public record OpenCase(@NotNull UUID householdId, @NotNull SubjectType subjectType, @NotNull CaseSource source,
                           UUID riskId) {
    }

    /**
     * {@code noticeStartedOn}: for PUBLIC_NOTICE, the day the notice was posted (defaults to today); at most
     * {@code resettle.monitoring.notice-backdate-days} days back, so recording a notice late cannot skip the period.
     */
    public record StepRequest(@NotNull Long version, @NotNull Step step, @NotNull Boolean passed, @Size(max = 500) String note,
                              @jakarta.validation.constraints.PastOrPresent LocalDate noticeStartedOn) {
    }

    public record StepView(Step step, boolean passed, String actor, String note, OffsetDateTime at) {
    }

    public record CaseView(UUID id, long version, UUID householdId, String householdNo, String regionCode,
                           String siteCode, SubjectType subjectType, CaseSource source, UUID riskId, Status status,
                           Step nextStep, OffsetDateTime openedAt, String openedBy, LocalDate dueBy, boolean overdue,
                           LocalDate noticeEnds, List<StepView> steps) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    Households households;
    @Inject
    RuleSetService rules;
    @Inject
    Outbox outbox;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "resettle.monitoring.notice-backdate-days", defaultValue = "7")
    int noticeBackdateDays;

    public CaseView open(OpenCase req) {
        Households.Ref h = households.visible(req.householdId(), scope);
        long open = ((Number) em.createNativeQuery("select count(*) from monitoring_case where household_id = ?1 "
                + "and status not in ('IDENTIFIED', 'REJECTED')").setParameter(1, h.id()).getSingleResult()).longValue();
        if (open > 0) {
            throw DomainException.conflict("case-open", "household " + h.householdNo() + " already has a case in progress");
        }
        RuleSet rs = rules.resolve(h.regionCode(), LocalDate.now().getYear());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into monitoring_case (id, version, household_id, household_no, region_code, site_code, subject_type,
                          source, risk_id, status, opened_at, opened_by, due_by)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""")
                .setParameter(1, id).setParameter(2, h.id()).setParameter(3, h.householdNo()).setParameter(4, h.regionCode())
                .setParameter(5, h.siteCode()).setParameter(6, req.subjectType().name()).setParameter(7, req.source().name())
                .setParameter(8, req.riskId()).setParameter(9, Status.AWAITING_HOME_CHECK.name())
                .setParameter(10, OffsetDateTime.now()).setParameter(11, scope.actor())
                .setParameter(12, CaseWorkflow.addWorkingDays(LocalDate.now(), rs.identificationWorkingDays()))
                .executeUpdate();
        return get(id);
    }

    public CaseView step(UUID id, StepRequest req) {
        CaseView c = get(id);
        if (c.version() != req.version()) {
            throw staleCase();
        }
        Step expected = CaseWorkflow.expected(c.status());
        if (expected == null) {
            throw DomainException.conflict("case-closed", "the case is " + c.status());
        }
        if (req.step() != expected) {
            throw DomainException.unprocessable("wrong-step", "the case waits for " + expected + " (" + expected.label()
                    + "), not " + req.step());
        }
        if (CaseWorkflow.ROLES.get(req.step()).stream().noneMatch(scope::hasRole)) {
            throw DomainException.forbidden(req.step() + " is recorded by " + CaseWorkflow.ROLES.get(req.step()));
        }
        if (req.step() == Step.TOWNSHIP_REVIEW && c.noticeEnds() != null && LocalDate.now().isBefore(c.noticeEnds())) {
            throw DomainException.unprocessable("notice-running", "the public notice runs until " + c.noticeEnds());
        }
        Status next = CaseWorkflow.after(req.step(), req.passed());
        LocalDate noticeEnds = c.noticeEnds();
        if (req.step() == Step.PUBLIC_NOTICE && req.passed()) {
            LocalDate posted = req.noticeStartedOn() == null ? LocalDate.now() : req.noticeStartedOn();
            if (posted.isBefore(LocalDate.now().minusDays(noticeBackdateDays))) {
                throw DomainException.invalid("noticeStartedOn", "公示开始日期最多可追溯 " + noticeBackdateDays
                        + " 天 / may be at most " + noticeBackdateDays + " days ago; record the notice when it is posted");
            }
            noticeEnds = posted.plusDays(rules.resolve(c.regionCode(), LocalDate.now().getYear()).publicNoticeDays());
        }
        OffsetDateTime now = OffsetDateTime.now();
        boolean closed = next == Status.IDENTIFIED || next == Status.REJECTED;
        // the version read above is the condition: of two steps sent at once, the second finds no row and is a 409
        // (it waits on the first one's row lock, then sees the new version), so a step is recorded and announced once
        int updated = em.createNativeQuery("update monitoring_case set status = ?1, notice_ends = ?2, closed_at = ?3, "
                        + "version = version + 1 where id = ?4 and version = ?5 and status = ?6")
                .setParameter(1, next.name()).setParameter(2, noticeEnds).setParameter(3, closed ? now : null)
                .setParameter(4, id).setParameter(5, c.version()).setParameter(6, c.status().name()).executeUpdate();
        if (updated == 0) {
            throw staleCase();
        }
        em.createNativeQuery("insert into case_step (id, case_id, step, passed, actor, note, at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, id).setParameter(3, req.step().name())
                .setParameter(4, req.passed()).setParameter(5, scope.actor()).setParameter(6, req.note()).setParameter(7, now)
                .executeUpdate();
        if (next == Status.IDENTIFIED) {
            outbox.publish(Topics.MONITORING, c.householdId(), new SubjectIdentified(id, c.householdId(), c.regionCode(),
                    c.siteCode(), c.subjectType().name(), scope.actor(), now));
        }
        return get(id);
    }

    private static DomainException staleCase() {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the case was changed by someone else since you read it; reload the case");
    }

    public PageResult<CaseView> list(Status status, Boolean overdue, PageRequest page) {
        DataScope.Filter s = scope.filter("c.region_code", "c.site_code");
        StringBuilder where = new StringBuilder(" from monitoring_case c where ").append(s.jpql());
        Map<String, Object> p = new HashMap<>(s.params());
        if (status != null) {
            where.append(" and c.status = :status");
            p.put("status", status.name());
        }
        if (Boolean.TRUE.equals(overdue)) {
            where.append(" and c.status not in ('IDENTIFIED', 'REJECTED') and c.due_by < :today");
            p.put("today", LocalDate.now());
        }
        var count = em.createNativeQuery("select count(*)" + where);
        var rows = em.createNativeQuery("select c.id" + where + " order by c.due_by, c.opened_at limit :lim offset :off");
        p.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        rows.setParameter("lim", page.size()).setParameter("off", page.offset());
        @SuppressWarnings("unchecked")
        List<UUID> ids = rows.getResultList();
        return PageResult.of(ids.stream().map(this::get).toList(), page, ((Number) count.getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    public CaseView get(UUID id) {
        List<Object[]> r = em.createNativeQuery("""
                        select id, version, household_id, household_no, region_code, site_code, subject_type, source, risk_id,
                          status, opened_at, opened_by, due_by, notice_ends from monitoring_case where id = ?1""")
                .setParameter(1, id).getResultList();
        if (r.isEmpty() || !scope.allows((String) r.get(0)[4], (String) r.get(0)[5])) {
            throw DomainException.notFound("case", id);
        }
        Object[] c = r.get(0);
        List<Object[]> steps = em.createNativeQuery("select step, passed, actor, note, at from case_step where case_id = ?1 order by at")
                .setParameter(1, id).getResultList();
        Status status = Status.valueOf((String) c[9]);
        LocalDate due = date(c[12]);
        return new CaseView((UUID) c[0], ((Number) c[1]).longValue(), (UUID) c[2], (String) c[3], (String) c[4],
                (String) c[5], SubjectType.valueOf((String) c[6]), CaseSource.valueOf((String) c[7]), (UUID) c[8], status,
                CaseWorkflow.expected(status), time(c[10]), (String) c[11], due,
                CaseWorkflow.expected(status) != null && due.isBefore(LocalDate.now()), date(c[13]),
                steps.stream().map(s -> new StepView(Step.valueOf((String) s[0]), (Boolean) s[1], (String) s[2],
                        (String) s[3], time(s[4]))).toList());
    }
}
