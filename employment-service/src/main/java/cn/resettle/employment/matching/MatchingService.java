package cn.resettle.employment.matching;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.jobs.JobPosting;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.labour.LabourService;
import cn.resettle.employment.matching.MatchScore.Distance;
import cn.resettle.employment.matching.MatchScore.Occupation;
import cn.resettle.employment.matching.MatchScore.Parts;
import cn.resettle.employment.matching.MatchScore.Reason;
import cn.resettle.employment.matching.MatchingDtos.CandidateMatch;
import cn.resettle.employment.matching.MatchingDtos.PostingMatch;
import cn.resettle.employment.matching.MatchingDtos.RecommendationView;
import cn.resettle.employment.matching.MatchingDtos.Status;
import cn.resettle.employment.tasks.EmploymentRouting;
import cn.resettle.employment.tasks.Workforce;
import cn.resettle.tasks.TaskDtos;
import cn.resettle.tasks.TaskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Person–job matching 人岗精准对接: for a person the open postings ranked by score, for a posting the people who seek
 * work ranked the same way, each with its reasons; offers (recommendations) recorded, answered or expiring.
 * <p>
 * Hard conditions before any score: the posting is open, valid and not full; weak labour only gets postings suitable
 * for it; a person who cannot leave home only gets home-based postings; a person who said they do not want work, has
 * no labour capacity, is employed or in school gets none. The score is the sum of {@link MatchScore#reasons} (weights
 * in {@link MatchingConfig}); the SQL computes the same parts and orders by the same sum.
 */
@ApplicationScoped
@Transactional
public class MatchingService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;
    @Inject
    MatchingConfig w;
    @Inject
    LabourService labour;
    @Inject
    Workforce workforce;
    @Inject
    TaskService tasks;

    /** The SQL of the distance-class points, over a column {@code distance}. */
    private String distancePoints() {
        return "case distance when 'SITE' then " + w.distanceSite() + " when 'HOME' then " + w.distanceHome()
                + " when 'TOWNSHIP' then " + w.distanceTownship() + " when 'COUNTY' then " + w.distanceCounty()
                + " else " + w.distanceOutside() + " end";
    }

    private String scoreSql(String weakCondition, String wishColumn) {
        return "(case occupation_match when 'HAS' then " + w.occupationSkill() + " when 'WISHED' then " + w.occupationWished()
                + " else 0 end) + least(required_matched * " + w.requiredSkill() + ", " + w.requiredSkillCap() + ") + "
                + distancePoints() + " + (case when " + weakCondition + " then " + w.weakLabourSuitable() + " else 0 end)"
                + " + (case when " + wishColumn + " then " + w.wishToWork() + " else 0 end)";
    }

    // --- person → postings

    public PageResult<PostingMatch> postingsFor(UUID personId, PageRequest page) {
        LabourView p = labour.find(personId);
        requireMatchable(p);
        audit.read("labour-record", p.householdId(), false);
        return rankPostings(p, page);
    }

    PageResult<PostingMatch> rankPostings(LabourView p, PageRequest page) {
        boolean weak = LabourCapacity.WEAK.name().equals(p.labourCapacity());
        String inner = """
                (select j.id, j.title, e.name as employer_name, j.occupation, s.label as occupation_label, j.region_code,
                   j.workplace, j.wage_min, j.wage_max, j.openings - j.filled as remaining, j.valid_until, j.suitable_for_weak,
                   case when j.occupation = any(string_to_array(:skills, ',')) then 'HAS'
                        when j.occupation = any(string_to_array(:desired, ',')) then 'WISHED' else 'NONE' end as occupation_match,
                   (select count(*) from unnest(j.required_skills) r where r = any(string_to_array(:skills, ','))) as required_matched,
                   case when ps.posting_id is not null then 'SITE' when j.home_based then 'HOME'
                        when j.region_code = :township then 'TOWNSHIP' when left(j.region_code, 6) = :county then 'COUNTY'
                        else 'OUTSIDE' end as distance
                 from job_posting j join employer e on e.id = j.employer_id join skill s on s.code = j.occupation
                   left join posting_site ps on ps.posting_id = j.id and ps.site_code = :site
                 where j.status = 'OPEN' and j.valid_until >= current_date and j.filled < j.openings"""
                + (weak ? " and j.suitable_for_weak" : "") + (p.canLeaveHome() ? "" : " and j.home_based") + ") m";
        String score = scoreSql(weak ? "suitable_for_weak" : "false", Boolean.TRUE.equals(p.wishToWork()) ? "true" : "false");
        ListQuery q = ListQuery.where("true")
                .param("skills", String.join(",", p.skills())).param("desired", String.join(",", p.desiredSkills()))
                .param("township", p.regionCode()).param("county", p.regionCode().substring(0, Math.min(6, p.regionCode().length())))
                .param("site", p.siteCode() == null ? "" : p.siteCode());
        return q.nativePage(em, "m.*, " + score + " as score", inner, "score desc, wage_max desc, valid_until, id", page, t -> {
            Parts parts = new Parts(Occupation.valueOf(t.get("occupation_match", String.class)), t.get("occupation_label", String.class),
                    ((Number) t.get("required_matched")).intValue(), Distance.valueOf(t.get("distance", String.class)),
                    weak, Boolean.TRUE.equals(t.get("suitable_for_weak")), p.wishToWork());
            List<Reason> reasons = MatchScore.reasons(parts, w);
            return new PostingMatch(t.get("id", UUID.class), t.get("title", String.class), t.get("employer_name", String.class),
                    t.get("occupation", String.class), t.get("occupation_label", String.class), t.get("region_code", String.class),
                    t.get("workplace", String.class), ((Number) t.get("wage_min")).intValue(), ((Number) t.get("wage_max")).intValue(),
                    ((Number) t.get("remaining")).intValue(), cn.resettle.common.web.SqlValues.date(t.get("valid_until")),
                    parts.distance(), ((Number) t.get("score")).intValue(), reasons);
        });
    }

    // --- posting → candidates

    public PageResult<CandidateMatch> candidatesFor(UUID postingId, PageRequest page) {
        JobPosting j = openPosting(postingId);
        String status = LabourService.STATUS;
        ListQuery q = ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("p.status = 'ACTIVE'")
                .and("p.labour_capacity in ('" + String.join("','", LabourCapacity.workingCodes()) + "')")
                .and("coalesce(" + status + ", 'UNEMPLOYED') not in ('" + String.join("','",
                        EmploymentStatus.employedStatuses().stream().map(Enum::name).toList()) + "','STUDENT')")
                .and("coalesce(l.wish_to_work, true)")
                .andIf(!j.suitableForWeak, "p.labour_capacity <> 'WEAK'")
                .andIf(!j.homeBased, "coalesce(l.can_leave_home, true)")
                .param("occupation", j.occupation).param("required", String.join(",", j.requiredSkills))
                .param("jregion", j.regionCode).param("jcounty", j.regionCode.substring(0, 6)).param("posting", j.id);
        String inner = """
                (select p.id as person_id, p.household_id, h.household_no, h.site_code, h.region_code, p.name,
                   p.id_number_masked, p.birth_year, p.labour_capacity, l.wish_to_work,
                   case when :occupation = any(l.skills) then 'HAS' when :occupation = any(l.desired_skills) then 'WISHED'
                        else 'NONE' end as occupation_match,
                   (select count(*) from unnest(l.skills) x where x = any(string_to_array(:required, ','))) as required_matched,
                   case when ps.posting_id is not null then 'SITE' when %s then 'HOME'
                        when h.region_code = :jregion then 'TOWNSHIP' when left(h.region_code, 6) = :jcounty then 'COUNTY'
                        else 'OUTSIDE' end as distance
                 from registry_person p join registry_household h on h.id = p.household_id
                   left join labour_profile l on l.person_id = p.id left join person_employment e on e.person_id = p.id
                   left join posting_site ps on ps.posting_id = :posting and ps.site_code = h.site_code
                 where %s) m""".formatted(j.homeBased ? "true" : "false", q.where());
        String score = scoreSql("labour_capacity = 'WEAK' and " + j.suitableForWeak, "coalesce(wish_to_work, false)");
        ListQuery outer = ListQuery.where("true");
        q.params().forEach(outer::param);
        PageResult<CandidateMatch> result = outer.nativePage(em, "m.*, " + score + " as score", inner,
                "score desc, household_no, person_id", page, t -> {
                    boolean weak = LabourCapacity.WEAK.name().equals(t.get("labour_capacity", String.class));
                    Parts parts = new Parts(Occupation.valueOf(t.get("occupation_match", String.class)), label(j.occupation),
                            ((Number) t.get("required_matched")).intValue(), Distance.valueOf(t.get("distance", String.class)),
                            weak, j.suitableForWeak, (Boolean) t.get("wish_to_work"));
                    Integer birthYear = t.get("birth_year") == null ? null : ((Number) t.get("birth_year")).intValue();
                    return new CandidateMatch(t.get("person_id", UUID.class), t.get("household_id", UUID.class),
                            t.get("household_no", String.class), t.get("site_code", String.class), t.get("region_code", String.class),
                            t.get("name", String.class), t.get("id_number_masked", String.class),
                            birthYear == null ? null : Year.now().getValue() - birthYear, t.get("labour_capacity", String.class),
                            parts.distance(), ((Number) t.get("score")).intValue(), MatchScore.reasons(parts, w));
                });
        audit.list("labour-record", result.items().stream().map(CandidateMatch::householdId).distinct().toList(), false,
                "candidates for posting " + postingId);
        return result;
    }

    // --- job-matching tasks

    /** For each member of the task's household who seeks work: the best postings (the offers the task makes). */
    public List<MatchingDtos.TaskMatches> forTask(UUID taskId) {
        TaskDtos.TaskView task = tasks.get(taskId); // in scope, or 404
        if (!EmploymentRouting.JOB_MATCHING.equals(task.kind())) {
            throw DomainException.unprocessable("not-job-matching", "only a job-matching task offers matches; this one is " + task.kind());
        }
        List<MatchingDtos.TaskMatches> out = new ArrayList<>();
        for (EmploymentRouting.Member m : workforce.members(task.householdId())) {
            if (!m.seeksWork()) {
                continue;
            }
            LabourView p = labour.find(m.id());
            if (Boolean.FALSE.equals(p.wishToWork())) {
                continue;
            }
            out.add(new MatchingDtos.TaskMatches(p.personId(), p.name(), p.labourCapacity(),
                    rankPostings(p, new PageRequest(0, w.taskMatchesPerPerson())).items()));
        }
        audit.read("labour-record", task.householdId(), false);
        return out;
    }

    // --- recommendations

    public RecommendationView recommend(MatchingDtos.Recommend req) {
        LabourView p = labour.find(req.personId());
        requireMatchable(p);
        JobPosting j = openPosting(req.postingId());
        if (req.taskId() != null) {
            TaskDtos.TaskView t = tasks.get(req.taskId());
            if (!t.householdId().equals(p.householdId())) {
                throw DomainException.unprocessable("task-of-another-household", "taskId: the task is for another household");
            }
        }
        if (LabourCapacity.WEAK.name().equals(p.labourCapacity()) && !j.suitableForWeak) {
            throw DomainException.unprocessable("unsuitable-posting", "the posting is not suitable for weak labour");
        }
        if (!p.canLeaveHome() && !j.homeBased) {
            throw DomainException.unprocessable("unsuitable-posting", "the person cannot leave home and the posting is not home-based");
        }
        // an earlier offer nobody answered in time is expired now, so the same posting can be offered again
        em.createNativeQuery("update recommendation set status = 'EXPIRED', version = version + 1 where posting_id = ?1 "
                        + "and person_id = ?2 and status = 'OFFERED' and expires_at < now()")
                .setParameter(1, j.id).setParameter(2, p.personId()).executeUpdate();
        List<?> live = em.createNativeQuery("select id from recommendation where posting_id = ?1 and person_id = ?2 "
                + "and status in ('OFFERED', 'ACCEPTED')").setParameter(1, j.id).setParameter(2, p.personId()).getResultList();
        if (!live.isEmpty()) {
            throw DomainException.conflict("already-offered", "the posting is offered to the person already (recommendation " + live.get(0) + ")");
        }
        PostingMatch match = rankPostings(p, new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(x -> x.postingId().equals(j.id)).findFirst().orElse(null);
        int score = match == null ? 0 : match.score();
        String reasons = match == null ? "" : MatchScore.line(match.reasons());
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into recommendation (id, version, posting_id, person_id, household_id, household_no, region_code,
                          site_code, task_id, score, reasons, status, offered_by, offered_at, expires_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'OFFERED', ?11, ?12, ?13)""")
                .setParameter(1, id).setParameter(2, j.id).setParameter(3, p.personId()).setParameter(4, p.householdId())
                .setParameter(5, p.householdNo()).setParameter(6, p.regionCode()).setParameter(7, p.siteCode())
                .setParameter(8, req.taskId()).setParameter(9, score).setParameter(10, truncate(reasons, 500))
                .setParameter(11, scope.actor()).setParameter(12, now).setParameter(13, now.plus(w.offerExpiry()))
                .executeUpdate();
        return recommendation(id);
    }

    public record RecommendationFilter(UUID personId, UUID householdId, UUID postingId, UUID taskId, Status status, String siteCode) {
    }

    public PageResult<RecommendationView> recommendations(RecommendationFilter f, PageRequest page) {
        ListQuery q = ListQuery.scoped(scope.filter("r.region_code", "r.site_code"));
        return listRecommendations(q, f, page);
    }

    /** A resident's own household's offers (token claim household_no). */
    public PageResult<RecommendationView> myOffers(PageRequest page) {
        String no = scope.householdNo();
        ListQuery q = ListQuery.where("r.household_no = :mine").param("mine", no == null ? "" : no);
        return listRecommendations(q, new RecommendationFilter(null, null, null, null, null, null), page);
    }

    private PageResult<RecommendationView> listRecommendations(ListQuery q, RecommendationFilter f, PageRequest page) {
        q.and("r.person_id = :person", "person", f.personId()).and("r.household_id = :household", "household", f.householdId())
                .and("r.posting_id = :posting", "posting", f.postingId()).and("r.task_id = :task", "task", f.taskId())
                .and("(" + STATUS_SQL + ") = :status", "status", f.status() == null ? null : f.status().name())
                .and("r.site_code = :site", "site", f.siteCode());
        PageResult<RecommendationView> result = q.nativePage(em, SELECT, FROM, "r.offered_at desc, r.id", page, MatchingService::view);
        audit.list("recommendation", result.items().stream().map(RecommendationView::householdId).distinct().toList(), false, null);
        return result;
    }

    public RecommendationView answer(UUID id, MatchingDtos.Answer req, boolean asResident) {
        RecommendationView r = asResident ? mine(id) : recommendation(id);
        if (r.version() != req.version()) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "the offer changed since you read it; reload it");
        }
        if (r.status() != Status.OFFERED) {
            throw DomainException.conflict("offer-closed", "the offer is " + r.status() + " and takes no answer");
        }
        em.createNativeQuery("update recommendation set status = ?2, answered_at = now(), answered_by = ?3, answer_note = ?4, "
                        + "version = version + 1 where id = ?1")
                .setParameter(1, id).setParameter(2, req.accepted() ? "ACCEPTED" : "DECLINED").setParameter(3, scope.actor())
                .setParameter(4, req.note()).executeUpdate();
        return asResident ? mine(id) : recommendation(id);
    }

    public RecommendationView recommendation(UUID id) {
        PageResult<RecommendationView> one = ListQuery.scoped(scope.filter("r.region_code", "r.site_code")).and("r.id = :id", "id", id)
                .nativePage(em, SELECT, FROM, "r.id", new PageRequest(0, 1), MatchingService::view);
        if (one.items().isEmpty()) {
            throw DomainException.notFound("recommendation", id);
        }
        return one.items().get(0);
    }

    private RecommendationView mine(UUID id) {
        String no = scope.householdNo();
        PageResult<RecommendationView> one = ListQuery.where("r.household_no = :mine").param("mine", no == null ? "" : no)
                .and("r.id = :id", "id", id).nativePage(em, SELECT, FROM, "r.id", new PageRequest(0, 1), MatchingService::view);
        if (one.items().isEmpty()) {
            throw DomainException.notFound("recommendation", id);
        }
        return one.items().get(0);
    }

    /** A placement on a posting closes the person's live offer of it as PLACED. */
    public void placed(UUID personId, UUID postingId) {
        em.createNativeQuery("update recommendation set status = 'PLACED', version = version + 1, answered_at = coalesce(answered_at, now()) "
                        + "where person_id = ?1 and posting_id = ?2 and status in ('OFFERED', 'ACCEPTED')")
                .setParameter(1, personId).setParameter(2, postingId).executeUpdate();
    }

    static final String STATUS_SQL = "case when r.status = 'OFFERED' and r.expires_at < now() then 'EXPIRED' else r.status end";
    static final String SELECT = """
            r.id, r.version, r.posting_id, j.title, e.name as employer_name, j.wage_min, j.wage_max, r.person_id,
            p.name as person_name, r.household_id, r.household_no, r.site_code, r.task_id, r.score, r.reasons,
            (""" + STATUS_SQL + """
            ) as status, r.offered_by, r.offered_at, r.expires_at, r.answered_at, r.answer_note""";
    static final String FROM = """
            recommendation r join job_posting j on j.id = r.posting_id join employer e on e.id = j.employer_id
            left join registry_person p on p.id = r.person_id""";

    static RecommendationView view(Tuple t) {
        Status s = Status.valueOf(t.get("status", String.class));
        return new RecommendationView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("posting_id", UUID.class),
                t.get("title", String.class), t.get("employer_name", String.class), ((Number) t.get("wage_min")).intValue(),
                ((Number) t.get("wage_max")).intValue(), t.get("person_id", UUID.class), t.get("person_name", String.class),
                t.get("household_id", UUID.class), t.get("household_no", String.class), t.get("site_code", String.class),
                t.get("task_id", UUID.class), ((Number) t.get("score")).intValue(), t.get("reasons", String.class), s, s.label(),
                t.get("offered_by", String.class), cn.resettle.common.web.SqlValues.time(t.get("offered_at")),
                cn.resettle.common.web.SqlValues.time(t.get("expires_at")), cn.resettle.common.web.SqlValues.time(t.get("answered_at")),
                t.get("answer_note", String.class));
    }

    private JobPosting openPosting(UUID id) {
        JobPosting j = em.find(JobPosting.class, id);
        if (j == null) {
            throw DomainException.notFound("posting", id);
        }
        if (j.effectiveStatus(java.time.LocalDate.now()) != JobPosting.Status.OPEN) {
            throw DomainException.unprocessable("posting-not-open", "the posting is " + j.effectiveStatus(java.time.LocalDate.now()));
        }
        return j;
    }

    private static void requireMatchable(LabourView p) {
        if (!LabourCapacity.canWork(p.labourCapacity())) {
            throw DomainException.unprocessable("no-labour-capacity", "the person has no labour capacity");
        }
        if (Boolean.FALSE.equals(p.wishToWork())) {
            throw DomainException.unprocessable("no-wish-to-work", "the person said they do not want work (labour record)");
        }
        if (!EmploymentStatus.seeksWork(p.employmentStatus())) {
            throw DomainException.unprocessable("not-seeking-work", "the person is " + p.employmentStatus() + " and is not matched to jobs");
        }
    }

    private String label(String code) {
        List<?> r = em.createNativeQuery("select label from skill where code = ?1").setParameter(1, code).getResultList();
        return r.isEmpty() ? code : (String) r.get(0);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
