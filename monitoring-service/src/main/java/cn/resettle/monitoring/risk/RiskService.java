package cn.resettle.monitoring.risk;

import cn.resettle.common.events.MonitoringEvents.RiskEliminated;
import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.RequestIds;
import cn.resettle.monitoring.risk.RiskDtos.MeasureView;
import cn.resettle.monitoring.risk.RiskDtos.RiskView;
import cn.resettle.monitoring.risk.RiskEnums.MeasureStatus;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskEnums.Status;
import cn.resettle.monitoring.rules.RiskCategory;
import cn.resettle.monitoring.rules.RiskRules.Finding;
import cn.resettle.monitoring.rules.RuleSet;
import cn.resettle.monitoring.rules.RuleSetService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Risks and their assistance plans. A risk is flagged once per household and category while open; the flag goes
 * out through the outbox so the services where help lives open tasks; their task events come back as the plan's
 * measures. Elimination follows the policy: measures carried out, and for households able to work, income above the
 * line for the configured number of months (待其稳定获得收益后再消除风险); households without labour capacity move to
 * long-term monitoring with a social-assistance referral. A plan with no measure, or with measures not done, blocks
 * elimination unless the decision gives a reason (kept on the risk and in the audit log); the closing event cancels
 * the tasks still open elsewhere. Risks no service has taken up within the routing window are listed as unassigned.
 */
@ApplicationScoped
@Transactional
public class RiskService {

    private static final Logger LOG = Logger.getLogger(RiskService.class);

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    Households households;
    @Inject
    RuleSetService rules;
    /** How long the services have to open a first task for a flagged risk before it is listed as unassigned. */
    @ConfigProperty(name = "resettle.monitoring.routing-window", defaultValue = "10m")
    Duration routingWindow;

    /** Flags a finding for a household unless the same category is already open; returns the open risk. */
    public Risk flag(Households.Ref h, Finding f, Source source, YearMonth month, String actor) {
        Optional<Risk> open = Risk.find("householdId = ?1 and category = ?2 and status = ?3", h.id(), f.category(), Status.OPEN)
                .firstResultOptional();
        if (open.isPresent()) {
            return open.get();
        }
        Risk r = new Risk();
        r.id = UUID.randomUUID();
        r.householdId = h.id();
        r.householdNo = h.householdNo();
        r.regionCode = h.regionCode();
        r.siteCode = h.siteCode();
        r.category = f.category();
        r.source = source;
        r.severity = f.severity();
        r.evidence = f.evidence() == null || f.evidence().length() <= 1000 ? f.evidence() : f.evidence().substring(0, 1000);
        r.status = Status.OPEN;
        r.flaggedMonth = month.toString();
        r.flaggedAt = OffsetDateTime.now();
        r.flaggedBy = actor;
        r.persist();
        em.flush();
        outbox.publish(Topics.MONITORING, h.id(), new RiskFlagged(r.id, r.householdId, r.householdNo, r.regionCode,
                r.siteCode, r.category.name(), r.source.name(), r.severity.name(), r.evidence, r.flaggedAt));
        LOG.infof("risk %s %s flagged for household %s (%s)", r.id, r.category, r.householdNo, r.source);
        return r;
    }

    public RiskView flagByCadre(RiskDtos.CadreFinding req, DataScope scope) {
        Households.Ref h = households.visible(req.householdId(), scope);
        if (!"ACTIVE".equals(h.status())) {
            throw DomainException.unprocessable("household-moved-out", "household " + h.householdNo() + " has moved out");
        }
        Risk r = flag(h, new Finding(req.category(), req.severity(), "基层干部排查: " + req.evidence()), Source.CADRE,
                YearMonth.now(), scope.actor());
        return view(r);
    }

    public record Filter(Status status, RiskCategory category, String siteCode, String regionCode, UUID householdId,
                         boolean unassigned) {
        public Filter(Status status, RiskCategory category, String siteCode, String regionCode, UUID householdId) {
            this(status, category, siteCode, regionCode, householdId, false);
        }
    }

    /** One statement for the page, one for the measures of all its risks, and a count only when the page is full. */
    public PageResult<RiskView> list(Filter f, PageRequest page, DataScope scope) {
        ListQuery q = ListQuery.scoped(scope.filter("r.region_code", "r.site_code"))
                .and("r.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("r.category = :category", "category", f.category() == null ? null : f.category().name())
                .and("r.site_code = :site", "site", f.siteCode())
                .and("r.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("r.household_id = :household", "household", f.householdId());
        String order = "r.flagged_at desc, r.id desc";
        if (f.unassigned()) {
            // open, older than the routing window, and no service has reported a task for it
            q.and("r.status = :openStatus and r.flagged_at < :routedBy"
                            + " and not exists (select 1 from plan_measure m where m.risk_id = r.id)")
                    .param("openStatus", Status.OPEN.name()).param("routedBy", OffsetDateTime.now().minus(routingWindow));
            order = "r.flagged_at, r.id";
        }
        PageResult<Risk> risks = q.entityPage(em, Risk.class, "risk r", order, page, r -> List.of(r.flaggedAt, r.id));
        Map<UUID, List<MeasureView>> measures = measures(risks.items().stream().map(r -> r.id).toList());
        return risks.map(r -> view(r, measures.getOrDefault(r.id, List.of())));
    }

    public RiskView get(UUID id, DataScope scope) {
        return view(visible(id, scope));
    }

    public RiskView eliminate(UUID id, long version, DataScope scope) {
        return eliminate(id, version, null, scope);
    }

    /**
     * Closes the risk. The plan must be done — at least one measure, every measure DONE — unless {@code reason}
     * says why it is closed anyway; that decision is kept on the risk (reason, who, when) and in the audit log.
     */
    public RiskView eliminate(UUID id, long version, String reason, DataScope scope) {
        Risk r = visible(id, scope);
        r.requireOpen(version);
        String unfinished = PlanMeasure.unfinished(PlanMeasure.list("riskId", r.id));
        boolean labour = households.hasLabour(r.householdId);
        int stable = labour ? stableMonths(r) : 0;
        int needed = labour ? rules.resolve(r.regionCode, YearMonth.parse(r.flaggedMonth).getYear()).stableIncomeMonths() : 0;
        if (r.close(unfinished, reason, labour, stable, needed, scope.actor())) {
            audit(r, scope, "ELIMINATE_UNFINISHED", r.eliminationReason + " | " + unfinished);
        }
        em.flush();
        outbox.publish(Topics.MONITORING, r.householdId, new RiskEliminated(r.id, r.householdId, r.regionCode, r.siteCode,
                r.category.name(), r.status == Status.ELIMINATED ? "ELIMINATED" : "LONG_TERM", r.closedBy, r.closedAt));
        return view(r);
    }

    /** The decision to close a risk without a finished plan, in the service's audit log (same transaction). */
    private void audit(Risk r, DataScope scope, String action, String detail) {
        em.createNativeQuery("insert into audit_log (actor, roles, action, subject_type, subject_id, request_id, path, detail) "
                        + "values (?1, ?2, ?3, 'risk', ?4, ?5, ?6, ?7)")
                .setParameter(1, scope.actor()).setParameter(2, cut(String.join(",", new java.util.TreeSet<>(scope.roles())), 256))
                .setParameter(3, action).setParameter(4, r.id.toString()).setParameter(5, RequestIds.current())
                .setParameter(6, "/api/monitoring/risks/" + r.id + "/eliminate").setParameter(7, cut(detail, 512))
                .executeUpdate();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Consecutive months, counting back from the latest visit after the risk's month, in which the visit found
     * per-capita income at or above that year's line. A month without a visit breaks the run.
     */
    int stableMonths(Risk r) {
        @SuppressWarnings("unchecked")
        List<Object[]> visits = em.createNativeQuery("select visit_month, per_capita_income from visit "
                        + "where household_id = ?1 and visit_month > ?2 order by visit_month desc")
                .setParameter(1, r.householdId).setParameter(2, r.flaggedMonth).getResultList();
        return Risk.stableIncomeRun(visits.stream().map(v -> new Risk.MonthlyIncome(YearMonth.parse((String) v[0]),
                (BigDecimal) v[1])).toList(), m -> rules.resolve(r.regionCode, m.getYear()).incomeLine());
    }

    /** A task was opened in a domain: the plan gains a PLANNED measure with its department, title and deadline. */
    public void onTaskCreated(TaskEvents.TaskCreated created) {
        measureFor(created).ifPresent(m -> {
            m.title = created.title();
            m.deadline = created.deadline();
            m.persist();
        });
    }

    /** The task was carried out: the measure is DONE with the outcome. */
    public void onTaskCompleted(TaskEvents.TaskCompleted completed) {
        measureFor(completed).ifPresent(m -> close(m, MeasureStatus.DONE, completed.outcome()));
    }

    /** The task was declined: the measure is DECLINED with the reason. */
    public void onTaskDeclined(TaskEvents.TaskDeclined declined) {
        measureFor(declined).ifPresent(m -> close(m, MeasureStatus.DECLINED, declined.reason()));
    }

    /** A task was cancelled because its risk was closed: the measure shows CANCELLED (a repeat changes nothing). */
    public void onTaskCancelled(TaskEvents.TaskCancelled cancelled) {
        measureFor(cancelled).ifPresent(m -> close(m, MeasureStatus.CANCELLED, cut(cancelled.reason(), 1000)));
    }

    private void close(PlanMeasure m, MeasureStatus status, String outcome) {
        m.status = status;
        m.outcome = outcome;
        m.persist();
    }

    /**
     * The plan measure of the event's task (created PLANNED if this is the first event of the task heard here),
     * with what every task event carries; empty (event ignored, logged) when the risk is unknown.
     */
    private java.util.Optional<PlanMeasure> measureFor(TaskEvents.TaskEvent e) {
        if (Risk.findById(e.riskId()) == null) {
            // not a risk's task: a task opened from another source (a one-stop JOBS request opens an employment task
            // under the request's id, TaskService.openForSource) has no plan here
            LOG.debugf("task %s is not a monitored risk's task (source %s); ignored", e.taskId(), e.riskId());
            return java.util.Optional.empty();
        }
        PlanMeasure m = PlanMeasure.find("taskId", e.taskId()).firstResult();
        if (m == null) {
            m = new PlanMeasure();
            m.id = UUID.randomUUID();
            m.taskId = e.taskId();
            m.riskId = e.riskId();
            m.domain = e.domain();
            m.status = MeasureStatus.PLANNED;
        }
        m.householdId = e.householdId();
        m.department = e.department();
        m.kind = e.kind();
        m.updatedAt = OffsetDateTime.now();
        return java.util.Optional.of(m);
    }

    private Risk visible(UUID id, DataScope scope) {
        Risk r = Risk.findById(id);
        if (r == null || !scope.allows(r.regionCode, r.siteCode)) {
            throw DomainException.notFound("risk", id);
        }
        return r;
    }

    RiskView view(Risk r) {
        return view(r, measures(List.of(r.id)).getOrDefault(r.id, List.of()));
    }

    /** The measures of several risks in one statement, each risk's in the order they were last updated. */
    private Map<UUID, List<MeasureView>> measures(List<UUID> riskIds) {
        if (riskIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<MeasureView>> out = new HashMap<>();
        em.createQuery("from PlanMeasure m where m.riskId in :ids order by m.updatedAt, m.id", PlanMeasure.class)
                .setParameter("ids", riskIds).getResultList()
                .forEach(m -> out.computeIfAbsent(m.riskId, k -> new ArrayList<>()).add(m.view()));
        return out;
    }

    private static RiskView view(Risk r, List<MeasureView> measures) {
        return new RiskView(r.id, r.version, r.householdId, r.householdNo, r.regionCode, r.siteCode, r.category,
                r.source, r.severity, r.evidence, r.status, r.flaggedMonth, r.flaggedAt, r.closedAt, r.closedBy,
                r.eliminationReason, r.socialAssistanceReferral, measures);
    }
}
