package cn.resettle.employment.jobs;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.jobs.JobDtos.EmployerView;
import cn.resettle.employment.jobs.JobDtos.PostingView;
import cn.resettle.employment.skills.SkillDictionary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Employers, job postings and publishing them to sites (送岗进点). The employment bureau (and township officials)
 * keep employers and postings of their region; a site worker publishes postings of the county to their own sites and
 * may create a posting published only to them; everyone sees the postings of their region or published to their
 * sites. A posting closes when its openings are filled (placements) or by hand; past its validity it reads EXPIRED.
 */
@ApplicationScoped
@Transactional
public class JobService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    SkillDictionary skills;

    // --- employers

    public EmployerView createEmployer(JobDtos.NewEmployer req) {
        if (!scope.coversRegion(req.regionCode())) {
            throw DomainException.forbidden("region " + req.regionCode() + " is outside your data scope");
        }
        if (req.creditCode() != null && !em.createQuery("select e.id from Employer e where e.creditCode = :c")
                .setParameter("c", req.creditCode()).getResultList().isEmpty()) {
            throw new DomainException(409, "duplicate-employer", "单位已存在 Employer exists",
                    "an employer with this unified social credit code is registered already",
                    List.of(new Problem.Violation("creditCode", "already registered")));
        }
        Employer e = new Employer();
        e.id = UUID.randomUUID();
        e.name = req.name().trim();
        e.kind = req.kind();
        e.creditCode = req.creditCode();
        e.regionCode = req.regionCode();
        e.address = req.address();
        e.contactName = req.contactName();
        e.contactPhone = req.contactPhone();
        e.createdBy = scope.actor();
        e.createdAt = OffsetDateTime.now();
        em.persist(e);
        em.flush();
        return view(e);
    }

    /** Employers are organisations, not personal data: every employment role of the county reads them. */
    public PageResult<EmployerView> employers(Employer.Kind kind, String regionCode, String name, PageRequest page) {
        ListQuery q = ListQuery.where("true")
                .and("e.kind = :kind", "kind", kind)
                .and("e.regionCode like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("lower(e.name) like :name", "name", name == null ? null : "%" + name.toLowerCase() + "%");
        return q.page(em, Employer.class, "Employer e", "e.name, e.id", page).map(JobService::view);
    }

    public EmployerView employer(UUID id) {
        Employer e = em.find(Employer.class, id);
        if (e == null) {
            throw DomainException.notFound("employer", id);
        }
        return view(e);
    }

    // --- postings

    public PostingView createPosting(JobDtos.NewPosting req) {
        Employer employer = em.find(Employer.class, req.employerId());
        if (employer == null) {
            throw new DomainException(422, "unknown-employer", "单位不存在 Unknown employer", "employer " + req.employerId() + " does not exist",
                    List.of(new Problem.Violation("employerId", "unknown employer")));
        }
        if (req.wageMax() < req.wageMin()) {
            throw violation("wage-range", "wageMax", "must not be below wageMin");
        }
        if (req.validUntil().isBefore(req.validFrom())) {
            throw violation("validity", "validUntil", "must not be before validFrom");
        }
        if (req.validUntil().isBefore(LocalDate.now())) {
            throw violation("validity", "validUntil", "must not be in the past");
        }
        List<String> asked = req.siteCodes() == null ? List.of() : req.siteCodes();
        if (!scope.coversRegion(req.regionCode()) && (asked.isEmpty() || !scope.siteCodes().containsAll(asked))) {
            throw DomainException.forbidden("a posting in region " + req.regionCode()
                    + " outside your scope can only be published to your own sites");
        }
        List<String> sites = sites(asked);
        JobPosting j = new JobPosting();
        j.id = UUID.randomUUID();
        j.employerId = employer.id;
        j.title = req.title().trim();
        j.occupation = skills.require("occupation", req.occupation());
        j.requiredSkills = skills.require("requiredSkills", req.requiredSkills()).toArray(String[]::new);
        j.regionCode = req.regionCode();
        j.workplace = req.workplace();
        j.wageMin = req.wageMin();
        j.wageMax = req.wageMax();
        j.openings = req.openings();
        j.suitableForWeak = req.suitableForWeak();
        j.homeBased = req.homeBased();
        j.validFrom = req.validFrom();
        j.validUntil = req.validUntil();
        j.status = JobPosting.Status.OPEN;
        j.createdBy = scope.actor();
        j.createdAt = j.updatedAt = OffsetDateTime.now();
        em.persist(j);
        em.flush();
        publishTo(j, sites);
        return view(j);
    }

    public PostingView publish(UUID id, JobDtos.Publish req) {
        JobPosting j = writable(id, req.version(), false);
        if (j.effectiveStatus(LocalDate.now()) != JobPosting.Status.OPEN) {
            throw DomainException.unprocessable("posting-not-open", "only an open posting is published; it is " + j.effectiveStatus(LocalDate.now()));
        }
        List<String> sites = sites(req.siteCodes());
        for (String s : sites) {
            if (!mayActFor(s)) {
                throw new DomainException(403, "forbidden", "无权限 Forbidden", "site " + s + " is outside your data scope",
                        List.of(new Problem.Violation("siteCodes", s + " is outside your data scope")));
            }
        }
        publishTo(j, sites);
        j.updatedAt = OffsetDateTime.now();
        em.flush();
        return view(j);
    }

    public PostingView close(UUID id, JobDtos.Close req) {
        JobPosting j = writable(id, req.version(), true);
        if (j.status != JobPosting.Status.OPEN) {
            throw DomainException.conflict("posting-closed", "the posting is already " + j.status);
        }
        j.status = JobPosting.Status.CLOSED;
        j.closedReason = req.reason();
        j.updatedAt = OffsetDateTime.now();
        em.flush();
        return view(j);
    }

    public record PostingFilter(JobPosting.Status status, String occupation, UUID employerId, String siteCode,
                                String regionCode, Boolean suitableForWeak, Boolean homeBased) {
    }

    public PageResult<PostingView> postings(PostingFilter f, PageRequest page) {
        ListQuery q = visible().and("(" + JobPosting.EFFECTIVE_STATUS_SQL + ") = :status", "status", f.status() == null ? null : f.status().name())
                .and("j.occupation = :occupation", "occupation", f.occupation())
                .and("j.employer_id = :employer", "employer", f.employerId())
                .and("exists (select 1 from posting_site fs where fs.posting_id = j.id and fs.site_code = :site)", "site", f.siteCode())
                .and("j.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("j.suitable_for_weak = :weak", "weak", f.suitableForWeak())
                .and("j.home_based = :home", "home", f.homeBased());
        return page(q, "j.valid_until, j.created_at, j.id", page);
    }

    /** A site's job board: its open postings (valid, not filled), highest wage first. */
    public PageResult<PostingView> board(String siteCode, PageRequest page) {
        boolean resident = scope.hasRole(Roles.RESIDENT);
        if (resident ? !siteCode.equals(residentSite()) : !mayActFor(siteCode)) {
            throw DomainException.notFound("site", siteCode);
        }
        ListQuery q = ListQuery.where("exists (select 1 from posting_site bs where bs.posting_id = j.id and bs.site_code = :board)")
                .param("board", siteCode).and("j.status = 'OPEN' and j.valid_until >= current_date");
        return page(q, "j.wage_max desc, j.valid_until, j.id", page);
    }

    public PostingView posting(UUID id) {
        PageResult<PostingView> one = page(visible().and("j.id = :id", "id", id), "j.id", new PageRequest(0, 1));
        if (one.items().isEmpty()) {
            throw DomainException.notFound("posting", id);
        }
        return one.items().get(0);
    }

    /** The caller may act for the site: it is one of their sites, or its township is in their regions. */
    public boolean mayActFor(String siteCode) {
        if (scope.siteCodes().contains(siteCode)) {
            return true;
        }
        List<?> township = em.createNativeQuery("select township_code from registry_site where code = :c")
                .setParameter("c", siteCode).getResultList();
        return !township.isEmpty() && scope.coversRegion((String) township.get(0));
    }

    /** The site of the resident's own household (token claim household_no), or null. */
    public String residentSite() {
        String no = scope.householdNo();
        if (no == null) {
            return null;
        }
        List<?> r = em.createNativeQuery("select site_code from registry_household where household_no = :n").setParameter("n", no).getResultList();
        return r.isEmpty() ? null : (String) r.get(0);
    }

    /** Postings of the caller's regions or published to one of their sites. */
    ListQuery visible() {
        DataScope.Filter region = scope.filter("j.region_code", null);
        Map<String, Object> params = new HashMap<>(region.params());
        String cond = region.jpql();
        if (!scope.siteCodes().isEmpty()) {
            cond = "(" + cond + " or exists (select 1 from posting_site vs where vs.posting_id = j.id and vs.site_code in (:scopeSites)))";
            params.put("scopeSites", scope.siteCodes());
        }
        ListQuery q = ListQuery.where(cond);
        params.forEach(q::param);
        return q;
    }

    private JobPosting writable(UUID id, Long version, boolean bureauOnly) {
        posting(id); // visible, or 404
        JobPosting j = em.find(JobPosting.class, id);
        if (bureauOnly && !scope.coversRegion(j.regionCode)) {
            throw DomainException.forbidden("only the employment bureau of the posting's region changes it");
        }
        if (version == null || j.version != version) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                    "the posting was changed by someone else since you read it; reload it");
        }
        return j;
    }

    private List<String> sites(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(codes);
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select code from registry_site where code in (:c)").setParameter("c", wanted).getResultList();
        List<String> unknown = new ArrayList<>(wanted);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new DomainException(422, "unknown-site", "安置点不存在 Unknown site", "siteCodes: unknown sites " + unknown,
                    List.of(new Problem.Violation("siteCodes", "unknown site " + unknown)));
        }
        return List.copyOf(wanted);
    }

    private void publishTo(JobPosting j, List<String> sites) {
        for (String s : sites) {
            em.createNativeQuery("insert into posting_site (posting_id, site_code, published_by, published_at) values (?1, ?2, ?3, ?4) "
                            + "on conflict do nothing")
                    .setParameter(1, j.id).setParameter(2, s).setParameter(3, scope.actor()).setParameter(4, OffsetDateTime.now())
                    .executeUpdate();
        }
    }

    private PageResult<PostingView> page(ListQuery q, String order, PageRequest page) {
        return q.nativePage(em, """
                        j.id, j.version, j.employer_id, e.name as employer_name, e.kind as employer_kind, j.title, j.occupation,
                        s.label as occupation_label, array_to_string(j.required_skills, ',') as required_skills, j.region_code,
                        j.workplace, j.wage_min, j.wage_max, j.openings, j.filled, j.suitable_for_weak, j.home_based,
                        j.valid_from, j.valid_until, (""" + JobPosting.EFFECTIVE_STATUS_SQL + """
                        ) as status, j.closed_reason, j.created_by, j.created_at,
                        (select string_agg(ps.site_code, ',' order by ps.site_code) from posting_site ps where ps.posting_id = j.id) as sites""",
                "job_posting j join employer e on e.id = j.employer_id join skill s on s.code = j.occupation", order, page, JobService::view);
    }

    static PostingView view(Tuple t) {
        JobPosting.Status status = JobPosting.Status.valueOf(t.get("status", String.class));
        return new PostingView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("employer_id", UUID.class),
                t.get("employer_name", String.class), Employer.Kind.valueOf(t.get("employer_kind", String.class)),
                t.get("title", String.class), t.get("occupation", String.class), t.get("occupation_label", String.class),
                split(t.get("required_skills", String.class)), t.get("region_code", String.class), t.get("workplace", String.class),
                ((Number) t.get("wage_min")).intValue(), ((Number) t.get("wage_max")).intValue(),
                ((Number) t.get("openings")).intValue(), ((Number) t.get("filled")).intValue(),
                (Boolean) t.get("suitable_for_weak"), (Boolean) t.get("home_based"),
                cn.resettle.common.web.SqlValues.date(t.get("valid_from")), cn.resettle.common.web.SqlValues.date(t.get("valid_until")),
                status, status.label(), t.get("closed_reason", String.class), split(t.get("sites", String.class)),
                t.get("created_by", String.class), cn.resettle.common.web.SqlValues.time(t.get("created_at")));
    }

    private PostingView view(JobPosting j) {
        em.flush();
        return posting(j.id);
    }

    static EmployerView view(Employer e) {
        return new EmployerView(e.id, e.version, e.name, e.kind, e.kind.label(), e.creditCode, e.regionCode, e.address,
                e.contactName, e.contactPhone, e.createdBy, e.createdAt);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static DomainException violation(String code, String field, String message) {
        return new DomainException(422, code, "无法处理 Rule violated", field + ": " + message,
                List.of(new Problem.Violation(field, message)));
    }
}
