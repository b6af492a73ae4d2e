package cn.resettle.community.exchange;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.exchange.ExchangeDtos.Decision;
import cn.resettle.community.exchange.ExchangeDtos.DecisionReport;
import cn.resettle.community.exchange.ExchangeDtos.DecisionView;
import cn.resettle.community.exchange.ExchangeDtos.Programme;
import cn.resettle.community.exchange.ExchangeDtos.Referral;
import cn.resettle.community.household.Household;
import cn.resettle.community.tasks.CommunityRouting;
import cn.resettle.tasks.AssistanceTask;
import cn.resettle.tasks.TaskDtos;
import cn.resettle.tasks.TaskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Civil affairs reports back on a social-assistance referral (低保/特困: granted or refused). The referral is
 * community's SOCIAL_ASSISTANCE_REFERRAL task; the answer is kept once ({@code assistance_decision}, keyed by the task)
 * and, in the same transaction, completes the task (granted) or declines it (refused) through the task inbox, so the
 * usual {@code task.completed} / {@code task.declined} event carries the decision to monitoring, whose assistance
 * plan shows the measure DONE or DECLINED with it. The same report again answers the recorded decision and changes
 * nothing; a different report for an answered referral is 409 {@code decision-conflict}.
 */
@ApplicationScoped
@Transactional
public class ReferralExchangeService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    TaskService tasks;
    @Inject
    PersonalDataAudit audit;

    public record Outcome(DecisionView decision, boolean applied) {
    }

    public Outcome report(UUID referralId, DecisionReport r) {
        if (r.decision() == Decision.REFUSED && (r.reason() == null || r.reason().isBlank())) {
            throw DomainException.invalid("reason", "a refusal needs the reason (不予批准的理由)");
        }
        if (r.decision() == Decision.GRANTED && r.reason() != null && r.reason().length() > 500) {
            throw DomainException.invalid("reason", "at most 500 characters");
        }
        // the task row locked: two reports at once are applied one after the other, the second sees the first
        AssistanceTask t = referral(referralId, true);
        DecisionView existing = recorded(t.id);
        if (existing != null) {
            if (same(existing, r)) {
                return new Outcome(existing, false);
            }
            throw DomainException.conflict("decision-conflict",
                    "this referral was already answered (" + existing.programmeLabel() + " " + existing.decisionLabel()
                            + ", " + existing.decisionNo() + "); a different answer is refused");
        }
        if (t.status != AssistanceTask.Status.OPEN && t.status != AssistanceTask.Status.ACCEPTED) {
            throw DomainException.conflict("task-closed", "the referral is already " + t.status + " and takes no answer");
        }
        String actor = truncate(scope.actor(), 64);
        em.createNativeQuery("insert into assistance_decision (task_id, risk_id, household_id, programme, decision, "
                        + "decision_no, decided_on, monthly_amount, effective_from, reason, reported_by, reported_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
                .setParameter(1, t.id).setParameter(2, t.riskId).setParameter(3, t.householdId)
                .setParameter(4, r.programme().name()).setParameter(5, r.decision().name())
                .setParameter(6, r.decisionNo().trim()).setParameter(7, r.decidedOn())
                .setParameter(8, r.monthlyAmount()).setParameter(9, r.effectiveFrom())
                .setParameter(10, blankToNull(r.reason())).setParameter(11, actor)
                .setParameter(12, OffsetDateTime.now()).executeUpdate();
        String text = text(r);
        if (r.decision() == Decision.GRANTED) {
            tasks.complete(t.id, new TaskDtos.Complete(t.version, text));
        } else {
            tasks.decline(t.id, new TaskDtos.Decline(t.version, truncate(text, 500)));
        }
        return new Outcome(recorded(t.id), true);
    }

    /** Referrals in the caller's scope (open ones first by deadline), each with its household (masked by role). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<Referral> list(AssistanceTask.Status status, String regionCode, PageRequest page) {
        PageResult<TaskDtos.TaskView> found = tasks.list(new TaskService.Filter(status,
                CommunityRouting.SOCIAL_ASSISTANCE_REFERRAL, null, regionCode, null, null, null), page);
        List<UUID> householdIds = found.items().stream().map(TaskDtos.TaskView::householdId).distinct().toList();
        boolean full = scope.seesFullIdentity();
        audit.list("exchange-referral", householdIds, full, "referrals status=" + status + " region=" + regionCode);
        Map<UUID, Household> households = householdIds.isEmpty() ? Map.of()
                : em.createQuery("select h from Household h where h.id in :ids", Household.class)
                .setParameter("ids", householdIds).getResultList().stream().collect(Collectors.toMap(h -> h.id, h -> h));
        Map<UUID, List<cn.resettle.community.household.Person>> people = householdIds.isEmpty() ? Map.of()
                : em.createQuery("select p from Person p where p.household.id in :ids order by p.seq",
                        cn.resettle.community.household.Person.class)
                .setParameter("ids", householdIds).getResultList().stream().collect(Collectors.groupingBy(p -> p.household.id));
        return found.map(t -> {
            Household h = households.get(t.householdId());
            return new Referral(t.id(), t.riskId(), t.status().name(), t.deadline(), t.createdAt(), t.title(), t.detail(),
                    h == null ? null : RegistryExchangeService.view(h, people.getOrDefault(h.id, List.of()), full, null),
                    recorded(t.id()));
        });
    }

    private AssistanceTask referral(UUID id, boolean lock) {
        AssistanceTask t = lock ? em.find(AssistanceTask.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                : em.find(AssistanceTask.class, id);
        if (t == null || !CommunityRouting.SOCIAL_ASSISTANCE_REFERRAL.equals(t.kind) || !scope.allows(t.regionCode, t.siteCode)) {
            throw DomainException.notFound("referral", id);
        }
        return t;
    }

    private DecisionView recorded(UUID taskId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select d.task_id, d.risk_id, d.household_id, t.household_no, d.programme, "
                        + "d.decision, d.decision_no, d.decided_on, d.monthly_amount, d.effective_from, d.reason, "
                        + "d.reported_by, d.reported_at, t.status from assistance_decision d join assistance_task t on t.id = d.task_id "
                        + "where d.task_id = ?1", Tuple.class)
                .setParameter(1, taskId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Tuple x = rows.get(0);
        Programme p = Programme.valueOf(x.get("programme", String.class));
        Decision d = Decision.valueOf(x.get("decision", String.class));
        return new DecisionView(x.get("task_id", UUID.class), x.get("risk_id", UUID.class), x.get("household_id", UUID.class),
                x.get("household_no", String.class), p, p.label(), d, d.label(), x.get("decision_no", String.class),
                date(x.get("decided_on")), (BigDecimal) x.get("monthly_amount"), date(x.get("effective_from")),
                x.get("reason", String.class), x.get("reported_by", String.class),
                cn.resettle.common.web.SqlValues.time(x.get("reported_at")), x.get("status", String.class));
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    /** The same report: same programme, decision, number, date, amount, start and reason. */
    static boolean same(DecisionView v, DecisionReport r) {
        return v.programme() == r.programme() && v.decision() == r.decision()
                && v.decisionNo().equals(r.decisionNo().trim()) && v.decidedOn().equals(r.decidedOn())
                && amountEquals(v.monthlyAmount(), r.monthlyAmount()) && Objects.equals(v.effectiveFrom(), r.effectiveFrom())
                && Objects.equals(v.reason(), blankToNull(r.reason()));
    }

    private static boolean amountEquals(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** What the assistance plan shows: "民政：最低生活保障（低保） 批准，决定文号 …，2026-11-20 起，每月 620.00 元". */
    static String text(DecisionReport r) {
        StringBuilder s = new StringBuilder("民政反馈：").append(r.programme().label()).append(' ').append(r.decision().label())
                .append("，决定文号 ").append(r.decisionNo().trim()).append("，决定日期 ").append(r.decidedOn());
        if (r.effectiveFrom() != null) {
            s.append("，").append(r.effectiveFrom()).append(" 起");
        }
        if (r.monthlyAmount() != null) {
            s.append("，每月 ").append(r.monthlyAmount().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).append(" 元");
        }
        if (r.reason() != null && !r.reason().isBlank()) {
            s.append("；").append(r.reason().trim());
        }
        return truncate(s.toString(), 1000);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
