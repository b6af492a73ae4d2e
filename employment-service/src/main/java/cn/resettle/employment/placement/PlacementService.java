package cn.resettle.employment.placement;

import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.jobs.Employer;
import cn.resettle.employment.jobs.JobPosting;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.labour.LabourService;
import cn.resettle.employment.placement.PlacementDtos.Contract;
import cn.resettle.employment.placement.PlacementDtos.EndReason;
import cn.resettle.employment.placement.PlacementDtos.PlacementView;
import cn.resettle.employment.tasks.EmploymentRouting;
import cn.resettle.employment.tasks.Workforce;
import cn.resettle.employment.tasks.Workforce.EmploymentKind;
import cn.resettle.tasks.TaskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Placements 就业安置 and the end of employment. Starting one records the person as employed (person_employment),
 * fills an opening of the posting it came from, marks the person's offer PLACED and completes the household's open
 * job-matching tasks (task.completed: monitoring's measure is DONE); ending one records the reason, sets the person
 * unemployed and tells monitoring whether the household is left with nobody employed (JobLost, which monitoring turns
 * into a JOB_LOSS risk). Both announce themselves (placement.started / placement.ended) in the same transaction.
 */
@ApplicationScoped
@Transactional
public class PlacementService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;
    @Inject
    LabourService labour;
    @Inject
    Workforce workforce;
    @Inject
    TaskService tasks;
    @Inject
    PersonalDataAudit audit;

    public PlacementView start(PlacementDtos.Start req) {
        LabourView p = labour.find(req.personId());
        List<?> active = em.createNativeQuery("select id from placement where person_id = ?1 and status = 'ACTIVE'")
                .setParameter(1, p.personId()).getResultList();
        if (!active.isEmpty()) {
            throw DomainException.conflict("already-placed", "the person has an active placement (" + active.get(0) + "); end it first");
        }
        UUID employerId = req.employerId();
        String employerName = req.employer();
        String employerKind = null;
        if (req.postingId() != null) {
            JobPosting posting = em.find(JobPosting.class, req.postingId(), LockModeType.PESSIMISTIC_WRITE);
            if (posting == null) {
                throw new DomainException(422, "unknown-posting", "岗位不存在 Unknown posting", "postingId: no such posting",
                        List.of(new Problem.Violation("postingId", "unknown posting")));
            }
            posting.fillOne();
            employerId = posting.employerId;
            em.createNativeQuery("update recommendation set status = 'PLACED', version = version + 1, "
                            + "answered_at = coalesce(answered_at, now()) where person_id = ?1 and posting_id = ?2 "
                            + "and status in ('OFFERED', 'ACCEPTED')")
                    .setParameter(1, p.personId()).setParameter(2, posting.id).executeUpdate();
        }
        if (employerId != null) {
            Employer e = em.find(Employer.class, employerId);
            if (e == null) {
                throw new DomainException(422, "unknown-employer", "单位不存在 Unknown employer", "employerId: no such employer",
                        List.of(new Problem.Violation("employerId", "unknown employer")));
            }
            employerName = e.name;
            employerKind = e.kind.name();
        }
        if (employerName == null || employerName.isBlank()) {
            throw DomainException.invalid("employer", "must not be blank (or give postingId or employerId)");
        }
        UUID id = UUID.randomUUID();
        Contract contract = req.contract() == null ? Contract.NONE : req.contract();
        em.createNativeQuery("""
                        insert into placement (id, version, person_id, household_id, household_no, region_code, site_code,
                          employer_id, employer_name, posting_id, kind, started_on, monthly_wage, contract, workplace, status,
                          recorded_by, created_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'ACTIVE', ?15, ?16)""")
                .setParameter(1, id).setParameter(2, p.personId()).setParameter(3, p.householdId()).setParameter(4, p.householdNo())
                .setParameter(5, p.regionCode()).setParameter(6, p.siteCode()).setParameter(7, employerId)
                .setParameter(8, employerName.trim()).setParameter(9, req.postingId()).setParameter(10, req.kind().name())
                .setParameter(11, req.startedOn()).setParameter(12, req.monthlyWage()).setParameter(13, contract.name())
                .setParameter(14, req.workplace()).setParameter(15, scope.actor()).setParameter(16, OffsetDateTime.now())
                .executeUpdate();
        workforce.record(p.personId(), p.householdId(), req.kind().status().name(), employerName.trim(), req.startedOn(), null, req.workplace());
        // someone of the household is in work: its job-matching tasks are done
        tasks.completeOpenTasks(p.householdId(), EmploymentRouting.JOB_MATCHING,
                "家庭成员已就业：" + req.startedOn() + " 起在 " + employerName.trim() + " 上岗（" + req.kind().label() + "）", scope.actor());
        outbox.publish(Topics.EMPLOYMENT, p.householdId(), new EmploymentEvents.PlacementStarted(id, p.personId(), p.householdId(),
                p.householdNo(), p.regionCode(), p.siteCode(), req.kind().name(), req.startedOn(), req.postingId(), employerKind));
        return get(id, null);
    }

    public PlacementView end(UUID id, PlacementDtos.End req) {
        PlacementView v = get(id, null);
        if (v.version() != req.version()) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "the placement changed since you read it; reload it");
        }
        return end(v, req.endedOn(), req.reason(), req.note());
    }

    /** Ends the person's active placement, if they have one (the job-loss report of an employed person). */
    public PlacementView endActive(UUID personId, LocalDate endedOn, EndReason reason, String note) {
        List<?> active = em.createNativeQuery("select id from placement where person_id = ?1 and status = 'ACTIVE'")
                .setParameter(1, personId).getResultList();
        return active.isEmpty() ? null : end(get((UUID) active.get(0), null), endedOn, reason, note);
    }

    private PlacementView end(PlacementView v, LocalDate endedOn, EndReason reason, String note) {
        if (v.status() != PlacementDtos.Status.ACTIVE) {
            throw DomainException.conflict("placement-ended", "the placement ended already on " + v.endedOn());
        }
        if (endedOn.isBefore(v.startedOn())) {
            throw new DomainException(422, "end-before-start", "无法处理 Rule violated", "endedOn: before the start " + v.startedOn(),
                    List.of(new Problem.Violation("endedOn", "must not be before the start " + v.startedOn())));
        }
        // only the request that moves it out of ACTIVE (at the version it read) ends it: two ends at once publish one event
        int ended = em.createNativeQuery("update placement set status = 'ENDED', ended_on = ?2, end_reason = ?3, end_note = ?4, ended_by = ?5, "
                        + "version = version + 1 where id = ?1 and status = 'ACTIVE' and version = ?6")
                .setParameter(1, v.id()).setParameter(2, endedOn).setParameter(3, reason.name()).setParameter(4, note)
                .setParameter(5, scope.actor()).setParameter(6, v.version()).executeUpdate();
        if (ended == 0) {
            throw DomainException.conflict("placement-ended", "the placement was changed or ended meanwhile; read it again");
        }
        String why = reason.label() + (note == null || note.isBlank() ? "" : "：" + note);
        workforce.record(v.personId(), v.householdId(), "UNEMPLOYED", null, endedOn, why.length() > 200 ? why.substring(0, 200) : why, null);
        boolean nobodyEmployed = workforce.members(v.householdId()).stream().noneMatch(m -> m.active() && m.employed());
        outbox.publish(Topics.EMPLOYMENT, v.householdId(), new EmploymentEvents.PlacementEnded(v.id(), v.personId(), v.householdId(),
                v.householdNo(), v.regionCode(), v.siteCode(), v.kind().name(), endedOn, reason.name(), nobodyEmployed));
        outbox.publish(Topics.EMPLOYMENT, v.householdId(), new EmploymentEvents.JobLost(v.personId(), v.householdId(), v.householdNo(),
                v.regionCode(), v.siteCode(), reason.label(), endedOn, nobodyEmployed));
        return get(v.id(), nobodyEmployed);
    }

    public record Filter(UUID personId, UUID householdId, PlacementDtos.Status status, EmploymentKind kind, String siteCode,
                         String regionCode) {
    }

    public PageResult<PlacementView> list(Filter f, PageRequest page) {
        ListQuery q = ListQuery.scoped(scope.filter("pl.region_code", "pl.site_code"))
                .and("pl.person_id = :person", "person", f.personId()).and("pl.household_id = :household", "household", f.householdId())
                .and("pl.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("pl.kind = :kind", "kind", f.kind() == null ? null : f.kind().name())
                .and("pl.site_code = :site", "site", f.siteCode())
                .and("pl.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%");
        PageResult<PlacementView> result = q.nativePage(em, SELECT, FROM, "pl.started_on desc, pl.id", page, t -> view(t, null));
        audit.list("placement", result.items().stream().map(PlacementView::householdId).distinct().toList(), false, null);
        return result;
    }

    public PlacementView read(UUID id) {
        PlacementView v = get(id, null);
        audit.read("placement", v.householdId(), false);
        return v;
    }

    private PlacementView get(UUID id, Boolean nobodyEmployed) {
        em.flush();
        PageResult<PlacementView> one = ListQuery.scoped(scope.filter("pl.region_code", "pl.site_code")).and("pl.id = :id", "id", id)
                .nativePage(em, SELECT, FROM, "pl.id", new PageRequest(0, 1), t -> view(t, nobodyEmployed));
        if (one.items().isEmpty()) {
            throw DomainException.notFound("placement", id);
        }
        return one.items().get(0);
    }

    static final String SELECT = """
            pl.id, pl.version, pl.person_id, p.name as person_name, pl.household_id, pl.household_no, pl.region_code, pl.site_code,
            pl.employer_id, pl.employer_name, pl.posting_id, pl.kind, pl.started_on, pl.monthly_wage, pl.contract, pl.workplace,
            pl.status, pl.ended_on, pl.end_reason, pl.end_note, pl.recorded_by, pl.created_at""";
    static final String FROM = "placement pl left join registry_person p on p.id = pl.person_id";

    static PlacementView view(Tuple t, Boolean nobodyEmployed) {
        EmploymentKind kind = EmploymentKind.valueOf(t.get("kind", String.class));
        Contract contract = Contract.valueOf(t.get("contract", String.class));
        String reason = t.get("end_reason", String.class);
        EndReason end = reason == null ? null : EndReason.valueOf(reason);
        Object wage = t.get("monthly_wage");
        return new PlacementView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("person_id", UUID.class),
                t.get("person_name", String.class), t.get("household_id", UUID.class), t.get("household_no", String.class),
                t.get("region_code", String.class), t.get("site_code", String.class), t.get("employer_id", UUID.class),
                t.get("employer_name", String.class), t.get("posting_id", UUID.class), kind, kind.label(),
                cn.resettle.common.web.SqlValues.date(t.get("started_on")), wage == null ? null : ((Number) wage).intValue(),
                contract, contract.label(), t.get("workplace", String.class),
                PlacementDtos.Status.valueOf(t.get("status", String.class)), cn.resettle.common.web.SqlValues.date(t.get("ended_on")),
                end, end == null ? null : end.label(), t.get("end_note", String.class), t.get("recorded_by", String.class),
                cn.resettle.common.web.SqlValues.time(t.get("created_at")), nobodyEmployed);
    }
}
