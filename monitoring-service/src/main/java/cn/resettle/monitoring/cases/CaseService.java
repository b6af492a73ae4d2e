package cn.resettle.monitoring.cases;

import static cn.resettle.common.web.SqlValues.date;
import static cn.resettle.common.web.SqlValues.time;
import cn.resettle.common.events.MonitoringEvents.SubjectIdentified;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
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
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    private static final String COLUMNS = "c.id, c.version, c.household_id, c.household_no, c.region_code, c.site_code, "
            + "c.subject_type, c.source, c.risk_id, c.status, c.opened_at, c.opened_by, c.due_by, c.notice_ends";

    /** One statement for the page, one for the steps of all its cases, and a count only when the page is full. */
    public PageResult<CaseView> list(Status status, Boolean overdue, PageRequest page) {
        ListQuery q = ListQuery.scoped(scope.filter("c.region_code", "c.site_code"))
                .and("c.status = :status", "status", status == null ? null : status.name());
        if (Boolean.TRUE.equals(overdue)) {
            q.and("c.status not in ('IDENTIFIED', 'REJECTED') and c.due_by < :today").param("today", LocalDate.now());
        }
        PageResult<Tuple> rows = q.nativePage(em, COLUMNS, "monitoring_case c", "c.due_by, c.opened_at, c.id", page, t -> t);
        Map<UUID, List<StepView>> steps = steps(rows.items().stream().map(t -> t.get("id", UUID.class)).toList());
        return rows.map(t -> view(t, steps.getOrDefault(t.get("id", UUID.class), List.of())));
    }

    public CaseView get(UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> r = em.createNativeQuery("select " + COLUMNS + " from monitoring_case c where c.id = :id", Tuple.class)
                .setParameter("id", id).getResultList();
        if (r.isEmpty() || !scope.allows(r.get(0).get("region_code", String.class), r.get(0).get("site_code", String.class))) {
            throw DomainException.notFound("case", id);
        }
        return view(r.get(0), steps(List.of(id)).getOrDefault(id, List.of()));
    }

    /** The steps of several cases in one statement, each case's in the order they were recorded. */
    private Map<UUID, List<StepView>> steps(List<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select case_id, step, passed, actor, note, at from case_step "
                + "where case_id in (:ids) order by at, id", Tuple.class).setParameter("ids", caseIds).getResultList();
        Map<UUID, List<StepView>> out = new HashMap<>();
        for (Tuple s : rows) {
            out.computeIfAbsent(s.get("case_id", UUID.class), k -> new ArrayList<>()).add(new StepView(
                    Step.valueOf(s.get("step", String.class)), s.get("passed", Boolean.class), s.get("actor", String.class),
                    s.get("note", String.class), time(s.get("at"))));
        }
        return out;
    }

    private static CaseView view(Tuple c, List<StepView> steps) {
        Status status = Status.valueOf(c.get("status", String.class));
        LocalDate due = date(c.get("due_by"));
        return new CaseView(c.get("id", UUID.class), ((Number) c.get("version")).longValue(), c.get("household_id", UUID.class),
                c.get("household_no", String.class), c.get("region_code", String.class), c.get("site_code", String.class),
                SubjectType.valueOf(c.get("subject_type", String.class)), CaseSource.valueOf(c.get("source", String.class)),
                c.get("risk_id", UUID.class), status, CaseWorkflow.expected(status), time(c.get("opened_at")),
                c.get("opened_by", String.class), due, CaseWorkflow.expected(status) != null && due.isBefore(LocalDate.now()),
                date(c.get("notice_ends")), steps);
    }
}
