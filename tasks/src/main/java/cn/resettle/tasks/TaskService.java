package cn.resettle.tasks;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.tasks.AssistanceTask.Status;
import cn.resettle.tasks.TaskDtos.TaskView;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The task inbox of a service that gives assistance: tasks opened from flagged risks by the service's
 * {@link TaskRouter}, then assigned, accepted, completed with an outcome or declined with a reason, or cancelled
 * when monitoring closes the risk first. Every change that monitoring must know (created, completed, declined,
 * cancelled) leaves through the outbox on the service's topic.
 */
@ApplicationScoped
@Transactional
public class TaskService {

    private static final Logger LOG = Logger.getLogger(TaskService.class);

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    EventCodec codec;
    @Inject
    TaskConfig config;
    @Inject
    Instance<TaskRouter> router;
    @Inject
    Instance<DataScope> scope;

    /** Applies a monitoring event (called inside the idempotent consumer's transaction). */
    public void onMonitoringEvent(EventEnvelope e) {
        if (MonitoringEvents.RISK_FLAGGED.equals(e.type())) {
            openTasks(codec.data(e, RiskFlagged.class));
        } else if (MonitoringEvents.RISK_ELIMINATED.equals(e.type())) {
            cancelTasks(codec.data(e, MonitoringEvents.RiskEliminated.class));
        }
    }

    /**
     * The risk was closed in monitoring: its tasks still open or accepted here are cancelled (task.cancelled goes
     * back so the plan shows it). Tasks already completed or declined keep their state; a repeated event finds
     * nothing open and changes nothing.
     */
    public List<AssistanceTask> cancelTasks(MonitoringEvents.RiskEliminated risk) {
        List<AssistanceTask> open = em.createQuery("select t from AssistanceTask t where t.riskId = :r and t.status in (:open)",
                        AssistanceTask.class)
                .setParameter("r", risk.riskId()).setParameter("open", List.of(Status.OPEN, Status.ACCEPTED)).getResultList();
        String reason = ("LONG_TERM".equals(risk.outcome()) ? "风险已转入长期监测（兜底保障）" : "风险已消除")
                + "，任务取消 risk closed in monitoring (" + risk.outcome() + ")";
        for (AssistanceTask t : open) {
            t.status = Status.CANCELLED;
            t.outcome = reason;
            t.closedAt = t.updatedAt = OffsetDateTime.now();
            t.closedBy = truncate(risk.decidedBy() == null ? "monitoring-service" : risk.decidedBy(), 64);
            em.flush();
            outbox.publish(topic(), t.householdId,
                    new TaskEvents.TaskCancelled(config.domain(), t.id, t.riskId, t.householdId, t.department, t.kind, reason, t.closedBy, t.closedAt));
            LOG.infof("task %s (%s) cancelled: risk %s closed (%s)", t.id, t.kind, t.riskId, risk.outcome());
        }
        return open;
    }

    public List<AssistanceTask> openTasks(RiskFlagged risk) {
        List<TaskRouter.TaskPlan> plans = router.get().route(risk);
        List<AssistanceTask> opened = new java.util.ArrayList<>();
        for (TaskRouter.TaskPlan plan : plans) {
            Long exists = em.createQuery("select count(t) from AssistanceTask t where t.riskId = :r and t.kind = :k", Long.class)
                    .setParameter("r", risk.riskId()).setParameter("k", plan.kind()).getSingleResult();
            if (exists > 0) {
                continue;
            }
            AssistanceTask t = new AssistanceTask();
            t.id = UUID.randomUUID();
            t.riskId = risk.riskId();
            t.householdId = risk.householdId();
            t.householdNo = risk.householdNo();
            t.regionCode = risk.regionCode();
            t.siteCode = risk.siteCode();
            t.department = config.department();
            t.kind = plan.kind();
            t.title = plan.title();
            t.detail = truncate(plan.detail(), 1000);
            t.targetPeople = truncate(plan.targetPeople(), 1000);
            t.status = Status.OPEN;
            t.deadline = LocalDate.now().plusDays(plan.deadlineDays());
            t.createdAt = t.updatedAt = OffsetDateTime.now();
            em.persist(t);
            em.flush();
            outbox.publish(topic(), t.householdId,
                    new TaskEvents.TaskCreated(config.domain(), t.id, t.riskId, t.householdId, t.department, t.kind, t.title, t.deadline, t.createdAt));
            opened.add(t);
            LOG.infof("task %s (%s) opened for risk %s of household %s", t.id, t.kind, t.riskId, t.householdNo);
        }
        return opened;
    }

    /**
     * A task that comes from something other than a flagged risk: a one-stop service request filed in community that
     * needs this department's work (a JOBS request becomes employment's JOB_MATCHING task). {@code sourceId} (the
     * request id) takes the place of the risk id, in the table and in the task events (monitoring finds no risk by
     * that id and ignores them); once per source and kind, so a repeated or replayed event opens nothing.
     */
    public java.util.Optional<AssistanceTask> openForSource(UUID sourceId, UUID householdId, String householdNo, String regionCode,
                                                            String siteCode, TaskRouter.TaskPlan plan) {
        Long exists = em.createQuery("select count(t) from AssistanceTask t where t.riskId = :r and t.kind = :k", Long.class)
                .setParameter("r", sourceId).setParameter("k", plan.kind()).getSingleResult();
        if (exists > 0) {
            return java.util.Optional.empty();
        }
        AssistanceTask t = new AssistanceTask();
        t.id = UUID.randomUUID();
        t.riskId = sourceId;
        t.householdId = householdId;
        t.householdNo = householdNo;
        t.regionCode = regionCode;
        t.siteCode = siteCode;
        t.department = config.department();
        t.kind = plan.kind();
        t.title = plan.title();
        t.detail = truncate(plan.detail(), 1000);
        t.targetPeople = truncate(plan.targetPeople(), 1000);
        t.status = Status.OPEN;
        t.deadline = LocalDate.now().plusDays(plan.deadlineDays());
        t.createdAt = t.updatedAt = OffsetDateTime.now();
        em.persist(t);
        em.flush();
        outbox.publish(topic(), t.householdId,
                new TaskEvents.TaskCreated(config.domain(), t.id, t.riskId, t.householdId, t.department, t.kind, t.title, t.deadline, t.createdAt));
        LOG.infof("task %s (%s) opened from %s for household %s", t.id, t.kind, sourceId, t.householdNo);
        return java.util.Optional.of(t);
    }

    public record Filter(AssistanceTask.Status status, String kind, String siteCode, String regionCode, Boolean overdue,
                         UUID householdId, UUID riskId) {
    }

    /** One page in deadline order, by offset or cursor (ListQuery: one statement, a count only when needed). */
    public PageResult<TaskView> list(Filter f, PageRequest page) {
        ListQuery q = ListQuery.scoped(scope.get().filter("t.region_code", "t.site_code"))
                .and("t.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("t.kind = :kind", "kind", f.kind())
                .and("t.site_code = :site", "site", f.siteCode())
                .and("t.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("t.household_id = :household", "household", f.householdId())
                .and("t.risk_id = :risk", "risk", f.riskId());
        if (Boolean.TRUE.equals(f.overdue())) {
            q.and("t.status in ('OPEN', 'ACCEPTED') and t.deadline < :today").param("today", LocalDate.now());
        }
        return q.entityPage(em, AssistanceTask.class, "assistance_task t", "t.deadline, t.created_at, t.id", page,
                        t -> List.of(t.deadline, t.createdAt, t.id))
                .map(TaskService::view);
    }

    public TaskView get(UUID id) {
        return view(visible(id));
    }

    public TaskView assign(UUID id, TaskDtos.Assign req) {
        AssistanceTask t = writable(id, req.version());
        requireOpen(t);
        t.assignee = req.assignee();
        t.updatedAt = OffsetDateTime.now();
        return view(t);
    }

    public TaskView accept(UUID id, TaskDtos.Accept req) {
        AssistanceTask t = writable(id, req.version());
        if (t.status != Status.OPEN) {
            throw DomainException.conflict("task-not-open", "only an open task can be accepted; it is " + t.status);
        }
        t.status = Status.ACCEPTED;
        t.acceptedAt = t.updatedAt = OffsetDateTime.now();
        if (t.assignee == null) {
            t.assignee = scope.get().actor();
        }
        return view(t);
    }

    public TaskView complete(UUID id, TaskDtos.Complete req) {
        AssistanceTask t = writable(id, req.version());
        requireOpen(t);
        completeTask(t, req.outcome(), scope.get().actor());
        return view(t);
    }

    /**
     * Completes the household's open and accepted tasks of {@code kind} because the work is done elsewhere in the
     * service (employment: someone of the household was placed in a job), each with the same task.completed event as
     * a completion by hand. Returns the tasks completed (none when there were none open).
     */
    public List<TaskView> completeOpenTasks(UUID householdId, String kind, String outcome, String by) {
        List<AssistanceTask> open = em.createQuery("select t from AssistanceTask t where t.householdId = :h and t.kind = :k "
                        + "and t.status in (:open) order by t.createdAt", AssistanceTask.class)
                .setParameter("h", householdId).setParameter("k", kind)
                .setParameter("open", List.of(Status.OPEN, Status.ACCEPTED)).getResultList();
        for (AssistanceTask t : open) {
            completeTask(t, truncate(outcome, 1000), truncate(by, 64));
        }
        return open.stream().map(TaskService::view).toList();
    }

    private void completeTask(AssistanceTask t, String outcome, String by) {
        t.status = Status.COMPLETED;
        t.outcome = outcome;
        t.closedAt = t.updatedAt = OffsetDateTime.now();
        t.closedBy = by;
        em.flush();
        outbox.publish(topic(), t.householdId,
                    new TaskEvents.TaskCompleted(config.domain(), t.id, t.riskId, t.householdId, t.department, t.kind, t.outcome, t.closedBy, t.closedAt));
    }

    public TaskView decline(UUID id, TaskDtos.Decline req) {
        AssistanceTask t = writable(id, req.version());
        requireOpen(t);
        t.status = Status.DECLINED;
        t.declineReason = req.reason();
        t.closedAt = t.updatedAt = OffsetDateTime.now();
        t.closedBy = scope.get().actor();
        em.flush();
        outbox.publish(topic(), t.householdId,
                    new TaskEvents.TaskDeclined(config.domain(), t.id, t.riskId, t.householdId, t.department, t.kind, t.declineReason, t.closedBy, t.closedAt));
        return view(t);
    }

    private String topic() {
        return Topics.forDomain(config.domain());
    }

    private AssistanceTask visible(UUID id) {
        AssistanceTask t = em.find(AssistanceTask.class, id);
        if (t == null || !scope.get().allows(t.regionCode, t.siteCode)) {
            throw DomainException.notFound("task", id);
        }
        return t;
    }

    private AssistanceTask writable(UUID id, Long version) {
        AssistanceTask t = visible(id);
        if (version == null || t.version != version) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                    "the task was changed by someone else since you read it; reload it");
        }
        return t;
    }

    private static void requireOpen(AssistanceTask t) {
        if (t.status == Status.COMPLETED || t.status == Status.DECLINED || t.status == Status.CANCELLED) {
            throw DomainException.conflict("task-closed", "the task is already " + t.status);
        }
    }

    static TaskView view(AssistanceTask t) {
        return new TaskView(t.id, t.version, t.riskId, t.householdId, t.householdNo, t.regionCode, t.siteCode,
                t.department, t.kind, t.title, t.detail, t.targetPeople, t.status, t.assignee, t.deadline,
                t.overdue(LocalDate.now()), t.outcome, t.declineReason, t.createdAt, t.closedAt, t.closedBy);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
