package cn.resettle.community.housing;

import static cn.resettle.common.web.SqlValues.time;

import cn.resettle.common.events.CommunityEvents.HousingExtensionRefused;
import cn.resettle.common.events.MonitoringEvents.SubjectIdentified;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.HouseholdService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Housing-extension applications (一户一宅 扩建): the household applies → the village (site) reviews → the township
 * approves, with the seeds' conditions recorded (两必须、两严禁、两确保: voluntary, paid from the household's own
 * income, no loans; never for an unstable household). A monitoring subject's application is refused at once, a pending
 * one when monitoring identifies the household, and the township cannot approve one for a subject.
 */
@ApplicationScoped
@Transactional
public class HousingExtensionService {

    public static final String SUBJECT_REASON = "该户已纳入防返贫监测对象，严禁扩建 (household is a monitoring subject)";

    public enum Status implements cn.resettle.common.web.DictionaryEntry.Labelled {
        PENDING("待村（社区）审查"), VILLAGE_APPROVED("村审查通过待乡镇审批"), APPROVED("乡镇已批准"), REFUSED("不予批准");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    /** {@code voluntary} 自愿, {@code ownFunds} 自有资金（收入可承担）, {@code noLoans} 不举债不贷款: all three must hold. */
    public record Application(@NotNull UUID householdId, @NotBlank @Size(max = 500) String reason, @NotNull Boolean voluntary,
                              @NotNull Boolean ownFunds, @Size(max = 500) String fundingNote, @NotNull Boolean noLoans) {
    }

    public record Decision(@NotNull Long version, @NotNull Boolean approve, @NotBlank @Size(max = 500) String note) {
    }

    public record ApplicationView(UUID id, long version, UUID householdId, String siteCode, String regionCode, Status status,
                                  String reason, Boolean voluntary, Boolean ownFunds, String fundingNote, Boolean noLoans,
                                  String appliedBy, OffsetDateTime appliedAt, String villageReviewedBy,
                                  OffsetDateTime villageReviewedAt, String villageNote, String decidedBy,
                                  String decisionNote, OffsetDateTime decidedAt) {
    }

    static final String COLUMNS = "e.id, e.version, e.household_id, e.site_code, e.region_code, e.status, e.reason, e.voluntary, "
            + "e.own_funds, e.funding_note, e.no_loans, e.applied_by, e.applied_at, e.village_reviewed_by, e.village_reviewed_at, "
            + "e.village_note, e.decided_by, e.decision_note, e.decided_at";

    @Inject
    EntityManager em;
    @Inject
    HouseholdService households;
    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;

    public ApplicationView apply(Application req) {
        Household h = households.visible(req.householdId());
        if (isSubject(h.id)) {
            throw DomainException.unprocessable("monitoring-subject", SUBJECT_REASON);
        }
        List<Problem.Violation> unmet = new ArrayList<>();
        if (!req.voluntary()) {
            unmet.add(new Problem.Violation("voluntary", "扩建必须自愿 (must be voluntary)"));
        }
        if (!req.ownFunds()) {
            unmet.add(new Problem.Violation("ownFunds", "必须以自有资金（收入）承担 (must be paid from the household's own income)"));
        }
        if (!req.noLoans()) {
            unmet.add(new Problem.Violation("noLoans", "严禁举债、贷款扩建 (no loans)"));
        }
        if (!unmet.isEmpty()) {
            throw new DomainException(422, "extension-conditions", "不符合扩建条件 Conditions not met",
                    "an extension must be voluntary, paid from own income and without loans", unmet);
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into housing_extension (id, version, household_id, region_code, site_code, reason, "
                        + "status, applied_by, applied_at, voluntary, own_funds, funding_note, no_loans) "
                        + "values (?1, 0, ?2, ?3, ?4, ?5, 'PENDING', ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, id).setParameter(2, h.id).setParameter(3, h.regionCode).setParameter(4, h.siteCode)
                .setParameter(5, req.reason()).setParameter(6, scope.actor()).setParameter(7, OffsetDateTime.now())
                .setParameter(8, req.voluntary()).setParameter(9, req.ownFunds()).setParameter(10, req.fundingNote())
                .setParameter(11, req.noLoans()).executeUpdate();
        return get(id);
    }

    /** The village (the site's community) reviews a pending application. */
    public ApplicationView villageReview(UUID id, Decision d) {
        ApplicationView a = require(id, d.version(), Status.PENDING);
        if (scope.actor().equals(a.appliedBy())) {
            throw DomainException.unprocessable("same-person", "村级审查人不能是申请人: the village review is made by someone other than who filed the application");
        }
        OffsetDateTime now = OffsetDateTime.now();
        // a refusal by the village is the decision; an approval passes the application to the township
        int updated = em.createNativeQuery("update housing_extension set status = ?1, village_reviewed_by = ?2, "
                        + "village_reviewed_at = ?3, village_note = ?4"
                        + (d.approve() ? "" : ", decided_by = ?2, decided_at = ?3, decision_note = ?4")
                        + ", version = version + 1 where id = ?5 and version = ?6 and status = 'PENDING'")
                .setParameter(1, d.approve() ? Status.VILLAGE_APPROVED.name() : Status.REFUSED.name())
                .setParameter(2, scope.actor()).setParameter(3, now).setParameter(4, d.note()).setParameter(5, a.id())
                .setParameter(6, d.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        return get(id);
    }

    /** The township decides an application the village approved; never for a monitoring subject. */
    public ApplicationView townshipDecision(UUID id, Decision d) {
        ApplicationView a = require(id, d.version(), Status.VILLAGE_APPROVED);
        if (scope.actor().equals(a.appliedBy()) || scope.actor().equals(a.villageReviewedBy())) {
            throw DomainException.unprocessable("same-person", "乡镇审批人不能是申请人或村级审查人: the township decision is made by someone other than the applicant and the village reviewer");
        }
        if (d.approve() && isSubject(a.householdId())) {
            throw DomainException.unprocessable("monitoring-subject", SUBJECT_REASON);
        }
        int updated = em.createNativeQuery("update housing_extension set status = ?1, decided_by = ?2, decided_at = ?3, "
                        + "decision_note = ?4, version = version + 1 where id = ?5 and version = ?6 and status = 'VILLAGE_APPROVED'")
                .setParameter(1, d.approve() ? Status.APPROVED.name() : Status.REFUSED.name()).setParameter(2, scope.actor())
                .setParameter(3, OffsetDateTime.now()).setParameter(4, d.note()).setParameter(5, a.id())
                .setParameter(6, d.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        return get(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ApplicationView> list(UUID householdId, Status status, String siteCode, PageRequest page) {
        if (householdId != null) {
            households.visible(householdId);
        }
        return ListQuery.scoped(scope.filter("e.region_code", "e.site_code"))
                .and("e.household_id = :household", "household", householdId)
                .and("e.status = :status", "status", status == null ? null : status.name())
                .and("e.site_code = :site", "site", siteCode)
                .nativePage(em, COLUMNS, "housing_extension e", "e.applied_at, e.id", page, HousingExtensionService::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ApplicationView get(UUID id) {
        List<ApplicationView> found = ListQuery.scoped(scope.filter("e.region_code", "e.site_code")).and("e.id = :id", "id", id)
                .nativePage(em, COLUMNS, "housing_extension e", "e.id", new PageRequest(0, 1), HousingExtensionService::view).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("housing-extension application", id);
        }
        return found.get(0);
    }

    public void onSubjectIdentified(SubjectIdentified s) {
        em.createNativeQuery("insert into monitoring_subject (household_id, case_id, subject_type, identified_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict (household_id) do update set case_id = excluded.case_id, "
                        + "subject_type = excluded.subject_type, identified_at = excluded.identified_at")
                .setParameter(1, s.householdId()).setParameter(2, s.caseId()).setParameter(3, s.subjectType())
                .setParameter(4, s.approvedAt() == null ? OffsetDateTime.now() : s.approvedAt()).executeUpdate();
        @SuppressWarnings("unchecked")
        List<UUID> pending = em.createNativeQuery("select id from housing_extension where household_id = ?1 "
                        + "and status in ('PENDING', 'VILLAGE_APPROVED')")
                .setParameter(1, s.householdId()).getResultList();
        for (UUID id : pending) {
            em.createNativeQuery("update housing_extension set status = 'REFUSED', decision_note = ?1, decided_at = ?2, "
                            + "decided_by = 'system:monitoring', version = version + 1 where id = ?3")
                    .setParameter(1, SUBJECT_REASON).setParameter(2, OffsetDateTime.now()).setParameter(3, id).executeUpdate();
            outbox.publish(Topics.COMMUNITY, s.householdId(), new HousingExtensionRefused(id, s.householdId(), SUBJECT_REASON));
        }
    }

    private ApplicationView require(UUID id, long version, Status status) {
        ApplicationView a = get(id);
        if (a.version() != version) {
            throw stale();
        }
        if (a.status() != status) {
            throw new DomainException(422, "extension-status", "状态不允许 Not allowed in this state",
                    "the application is " + a.status() + " (" + a.status().label() + "); this step needs " + status);
        }
        return a;
    }

    private boolean isSubject(UUID householdId) {
        return ((Number) em.createNativeQuery("select count(*) from monitoring_subject where household_id = ?1")
                .setParameter(1, householdId).getSingleResult()).longValue() > 0;
    }

    static ApplicationView view(Tuple t) {
        return new ApplicationView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(),
                t.get("household_id", UUID.class), t.get("site_code", String.class), t.get("region_code", String.class),
                Status.valueOf(t.get("status", String.class)), t.get("reason", String.class), t.get("voluntary", Boolean.class),
                t.get("own_funds", Boolean.class), t.get("funding_note", String.class), t.get("no_loans", Boolean.class),
                t.get("applied_by", String.class), time(t.get("applied_at")), t.get("village_reviewed_by", String.class),
                time(t.get("village_reviewed_at")), t.get("village_note", String.class), t.get("decided_by", String.class),
                t.get("decision_note", String.class), time(t.get("decided_at")));
    }

    static DomainException stale() {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the application was changed by someone else since you read it; reload it");
    }
}
