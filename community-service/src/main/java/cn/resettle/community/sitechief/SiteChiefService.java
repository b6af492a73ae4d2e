package cn.resettle.community.sitechief;

import static cn.resettle.common.web.SqlValues.date;
import static cn.resettle.common.web.SqlValues.time;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import cn.resettle.community.sitechief.SiteChiefDtos.AppointRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.ChiefBehind;
import cn.resettle.community.sitechief.SiteChiefDtos.ChiefView;
import cn.resettle.community.sitechief.SiteChiefDtos.EndRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.FoundProblem;
import cn.resettle.community.sitechief.SiteChiefDtos.ProblemView;
import cn.resettle.community.sitechief.SiteChiefDtos.RankedSite;
import cn.resettle.community.sitechief.SiteChiefDtos.Role;
import cn.resettle.community.sitechief.SiteChiefDtos.ScoreRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.SolveRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.VisitDetail;
import cn.resettle.community.sitechief.SiteChiefDtos.VisitRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.VisitView;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * The site-chief system (点长制): chiefs and deputies per site and the county chief, the chiefs' visits (the seeds
 * want at least {@code resettle.sitechief.min-visits-per-month} a month) and who is behind, the problems a visit
 * finds (owner, deadline, solved), and the quarterly inspection score of each site with the county's ranking.
 */
@ApplicationScoped
@Transactional
public class SiteChiefService {

    @ConfigMapping(prefix = "resettle.sitechief")
    public interface SiteChiefConfig {
        /** Visits a site chief owes each month (点长每月到点不少于 2 次). */
        @WithDefault("2")
        int minVisitsPerMonth();
    }

    static final String CHIEF_COLUMNS = "c.id, c.version, c.role, c.site_id, c.site_code, c.region_code, c.name, c.position, "
            + "c.username, c.appointed_on, c.ended_on";
    static final String VISIT_COLUMNS = "v.id, v.chief_id, c.name as chief_name, c.role, v.site_id, v.site_code, v.region_code, "
            + "v.visit_month, v.visited_on, v.summary, v.problems_found, v.recorded_by";
    static final String PROBLEM_COLUMNS = "p.id, p.version, p.visit_id, p.site_code, p.region_code, p.description, p.owner, "
            + "p.due_on, p.status, p.solution, p.solved_on, p.solved_by, p.created_at";

    @Inject
    EntityManager em;
    @Inject
    SiteService sites;
    @Inject
    DataScope scope;
    @Inject
    SiteChiefConfig config;
    @Inject
    cn.resettle.common.outbox.Outbox outbox;

    public ChiefView appoint(AppointRequest req) {
        UUID siteId = null;
        String siteCode = null;
        String region;
        if (req.role() == Role.COUNTY_CHIEF) {
            if (req.siteId() != null) {
                throw DomainException.invalid("siteId", "the county chief serves the whole county, not a site");
            }
            if (req.countyCode() == null || !req.countyCode().matches("[0-9]{6}")) {
                throw DomainException.invalid("countyCode", "the county chief's county: 6 digits");
            }
            if (!scope.coversRegion(req.countyCode())) {
                throw DomainException.forbidden("county " + req.countyCode() + " is outside your region");
            }
            region = req.countyCode();
        } else {
            if (req.siteId() == null) {
                throw DomainException.invalid("siteId", "a site chief or deputy serves a site");
            }
            Site site = sites.visible(req.siteId());
            siteId = site.id;
            siteCode = site.code;
            region = site.townshipCode;
        }
        if (req.role() != Role.DEPUTY) {
            // a new chief takes over: the serving one's term ends the day the new one is appointed
            em.createNativeQuery("update site_chief set ended_on = ?1, version = version + 1 where role = ?2 and ended_on is null and "
                            + (siteId == null ? "site_id is null and region_code = ?3" : "site_id = ?3"))
                    .setParameter(1, req.appointedOn()).setParameter(2, req.role().name())
                    .setParameter(3, siteId == null ? region : siteId).executeUpdate();
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into site_chief (id, version, role, site_id, site_code, region_code, name, position, username,
                          appointed_on, created_by, created_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, id).setParameter(2, req.role().name()).setParameter(3, siteId).setParameter(4, siteCode)
                .setParameter(5, region).setParameter(6, req.name()).setParameter(7, req.position())
                .setParameter(8, req.username()).setParameter(9, req.appointedOn()).setParameter(10, scope.actor())
                .setParameter(11, OffsetDateTime.now()).executeUpdate();
        return chief(id);
    }

    public ChiefView end(UUID id, EndRequest req) {
        ChiefView c = chief(id);
        if (c.version() != req.version()) {
            throw stale("chief");
        }
        if (c.endedOn() != null) {
            throw DomainException.unprocessable("chief-ended", "this chief's term already ended on " + c.endedOn());
        }
        if (req.endedOn().isBefore(c.appointedOn())) {
            throw DomainException.invalid("endedOn", "before the appointment");
        }
        int updated = em.createNativeQuery("update site_chief set ended_on = ?1, version = version + 1 "
                        + "where id = ?2 and version = ?3 and ended_on is null")
                .setParameter(1, req.endedOn()).setParameter(2, id).setParameter(3, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("chief");
        }
        return chief(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ChiefView> chiefs(String siteCode, Role role, boolean serving, PageRequest page) {
        return ListQuery.scoped(scope.filter("c.region_code", "c.site_code"))
                .and("c.site_code = :site", "site", siteCode)
                .and("c.role = :role", "role", role == null ? null : role.name())
                .andIf(serving, "c.ended_on is null")
                .nativePage(em, CHIEF_COLUMNS, "site_chief c", "c.region_code, c.site_code nulls first, c.role, c.appointed_on desc",
                        page, SiteChiefService::chiefView);
    }

    public VisitDetail visit(VisitRequest req) {
        ChiefView chief = chief(req.chiefId());
        if (chief.endedOn() != null && !req.visitedOn().isBefore(chief.endedOn())) {
            throw DomainException.unprocessable("chief-ended", "the chief's term ended on " + chief.endedOn());
        }
        if (req.visitedOn().isBefore(chief.appointedOn())) {
            throw DomainException.invalid("visitedOn", "before the chief was appointed");
        }
        Site site;
        if (chief.role() == Role.COUNTY_CHIEF) {
            if (req.siteId() == null) {
                throw DomainException.invalid("siteId", "name the site the county chief visited");
            }
            site = sites.visible(req.siteId());
            if (!site.townshipCode.startsWith(chief.regionCode())) {
                throw DomainException.unprocessable("not-this-chiefs-site", "site " + site.code + " is outside the county chief's county");
            }
        } else {
            if (req.siteId() != null && !req.siteId().equals(chief.siteId())) {
                throw DomainException.unprocessable("not-this-chiefs-site", "a site chief visits their own site");
            }
            site = sites.visible(chief.siteId());
        }
        List<FoundProblem> problems = req.problems() == null ? List.of() : req.problems();
        for (int i = 0; i < problems.size(); i++) {
            if (problems.get(i).dueOn().isBefore(req.visitedOn())) {
                throw DomainException.invalid("problems[" + i + "].dueOn", "the deadline cannot be before the visit");
            }
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into chief_visit (id, chief_id, site_id, site_code, region_code, visit_month, visited_on, summary,
                          problems_found, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, id).setParameter(2, chief.id()).setParameter(3, site.id).setParameter(4, site.code)
                .setParameter(5, site.townshipCode).setParameter(6, YearMonth.from(req.visitedOn()).toString())
                .setParameter(7, req.visitedOn()).setParameter(8, req.summary()).setParameter(9, problems.size())
                .setParameter(10, scope.actor()).setParameter(11, now).executeUpdate();
        for (FoundProblem p : problems) {
            em.createNativeQuery("""
                            insert into chief_problem (id, version, visit_id, site_id, site_code, region_code, description, owner,
                              due_on, status, created_at, updated_at)
                            values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'OPEN', ?9, ?9)""")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, id).setParameter(3, site.id).setParameter(4, site.code)
                    .setParameter(5, site.townshipCode).setParameter(6, p.description()).setParameter(7, p.owner())
                    .setParameter(8, p.dueOn()).setParameter(9, now).executeUpdate();
        }
        VisitView v = visits(null, null, id, new PageRequest(0, 1)).items().get(0);
        return new VisitDetail(v, problems(null, null, null, id, new PageRequest(0, 200)).items());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<VisitView> visits(String month, String siteCode, UUID visitId, PageRequest page) {
        return ListQuery.scoped(scope.filter("v.region_code", "v.site_code"))
                .and("v.visit_month = :month", "month", month)
                .and("v.site_code = :site", "site", siteCode)
                .and("v.id = :id", "id", visitId)
                .nativePage(em, VISIT_COLUMNS, "chief_visit v join site_chief c on c.id = v.chief_id",
                        "v.visited_on desc, v.id", page, t -> new VisitView(t.get("id", UUID.class),
                                t.get("chief_id", UUID.class), t.get("chief_name", String.class),
                                Role.valueOf(t.get("role", String.class)), t.get("site_code", String.class),
                                t.get("region_code", String.class), t.get("visit_month", String.class),
                                date(t.get("visited_on")), t.get("summary", String.class),
                                ((Number) t.get("problems_found")).intValue(), t.get("recorded_by", String.class)));
    }

    /**
     * Site chiefs and deputies serving in the month (appointed by its end, not ended before it began) with fewer
     * visits than required, fewest first.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ChiefBehind> behind(YearMonth month, PageRequest page) {
        int required = config.minVisitsPerMonth();
        return ListQuery.scoped(scope.filter("c.region_code", "c.site_code"))
                .and("c.role in ('CHIEF', 'DEPUTY')")
                .and("c.appointed_on <= :monthEnd", "monthEnd", month.atEndOfMonth())
                .and("(c.ended_on is null or c.ended_on > :monthStart)", "monthStart", month.atDay(1))
                .and("(select count(*) from chief_visit v where v.chief_id = c.id and v.visit_month = :month) < :required",
                        "month", month.toString())
                .param("required", required)
                .nativePage(em, CHIEF_COLUMNS + ", (select count(*) from chief_visit v where v.chief_id = c.id "
                                + "and v.visit_month = :month) as visits", "site_chief c", "visits, c.region_code, c.site_code, c.id",
                        page, t -> new ChiefBehind(chiefView(t), month.toString(), ((Number) t.get("visits")).intValue(), required));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ProblemView> problems(String status, Boolean overdue, String siteCode, UUID visitId, PageRequest page) {
        ListQuery q = ListQuery.scoped(scope.filter("p.region_code", "p.site_code"))
                .and("p.status = :status", "status", status)
                .and("p.site_code = :site", "site", siteCode)
                .and("p.visit_id = :visit", "visit", visitId);
        if (Boolean.TRUE.equals(overdue)) {
            q.and("p.status = 'OPEN'").and("p.due_on < :today", "today", LocalDate.now());
        }
        return q.nativePage(em, PROBLEM_COLUMNS, "chief_problem p", "p.due_on, p.id", page, SiteChiefService::problemView);
    }

    public ProblemView solve(UUID id, SolveRequest req) {
        List<ProblemView> found = ListQuery.scoped(scope.filter("p.region_code", "p.site_code")).and("p.id = :id", "id", id)
                .nativePage(em, PROBLEM_COLUMNS, "chief_problem p", "p.id", new PageRequest(0, 1), SiteChiefService::problemView)
                .items();
        if (found.isEmpty()) {
            throw DomainException.notFound("problem", id);
        }
        ProblemView p = found.get(0);
        if (p.version() != req.version()) {
            throw stale("problem");
        }
        if (!"OPEN".equals(p.status())) {
            throw DomainException.unprocessable("problem-solved", "the problem was solved on " + p.solvedOn());
        }
        int updated = em.createNativeQuery("update chief_problem set status = 'SOLVED', solution = ?1, solved_on = ?2, "
                        + "solved_by = ?3, updated_at = ?4, version = version + 1 where id = ?5 and version = ?6 and status = 'OPEN'")
                .setParameter(1, req.solution()).setParameter(2, req.solvedOn()).setParameter(3, scope.actor())
                .setParameter(4, OffsetDateTime.now()).setParameter(5, id).setParameter(6, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("problem");
        }
        return ListQuery.where("p.id = :id").param("id", id)
                .nativePage(em, PROBLEM_COLUMNS, "chief_problem p", "p.id", new PageRequest(0, 1), SiteChiefService::problemView)
                .items().get(0);
    }

    public RankedSite score(ScoreRequest req) {
        Site site = sites.visible(req.siteId());
        long exists = ((Number) em.createNativeQuery("select count(*) from site_score where site_id = ?1 and quarter = ?2")
                .setParameter(1, site.id).setParameter(2, req.quarter()).getSingleResult()).longValue();
        if (exists > 0) {
            throw DomainException.conflict("already-scored", "site " + site.code + " already has its " + req.quarter() + " score");
        }
        UUID scoreId = UUID.randomUUID();
        OffsetDateTime recordedAt = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into site_score (id, site_id, site_code, region_code, quarter, score, inspector, note, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                .setParameter(1, scoreId).setParameter(2, site.id).setParameter(3, site.code)
                .setParameter(4, site.townshipCode).setParameter(5, req.quarter()).setParameter(6, req.score())
                .setParameter(7, req.inspector()).setParameter(8, req.note()).setParameter(9, scope.actor())
                .setParameter(10, recordedAt).executeUpdate();
        // the command view's ranking of site chiefs (issue 13); the note stays here
        @SuppressWarnings("unchecked")
        java.util.List<String> chief = em.createNativeQuery("select name from site_chief where site_id = ?1 and role = 'CHIEF' "
                + "and ended_on is null").setParameter(1, site.id).getResultList();
        outbox.publish(cn.resettle.common.events.Topics.COMMUNITY, site.id, new cn.resettle.common.events.CommunityEvents.SiteScoreRecorded(
                scoreId, site.id, site.code, site.townshipCode, req.quarter(), req.score(), chief.isEmpty() ? null : chief.get(0),
                req.inspector(), recordedAt));
        return ranking(req.quarter(), null, new PageRequest(0, 200)).items().stream()
                .filter(r -> r.siteCode().equals(site.code)).findFirst().orElseThrow();
    }

    /**
     * The quarter's ranking: each site's rank among all scored sites of its county (a township sees its own sites with
     * their county rank), best first.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<RankedSite> ranking(String quarter, String regionCode, PageRequest page) {
        String ranked = "(select s.*, rank() over (partition by left(s.region_code, 6) order by s.score desc) as county_rank, "
                + "count(*) over (partition by left(s.region_code, 6)) as ranked_sites, t.name as site_name "
                + "from site_score s join site t on t.id = s.site_id where s.quarter = :quarter) r";
        return ListQuery.scoped(scope.filter("r.region_code", "r.site_code"))
                .param("quarter", quarter)
                .and("r.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .nativePage(em, "r.site_code, r.site_name, r.region_code, r.quarter, r.score, r.county_rank, r.ranked_sites, "
                                + "r.inspector, r.note", ranked, "r.county_rank, r.site_code", page,
                        t -> new RankedSite(((Number) t.get("county_rank")).intValue(), ((Number) t.get("ranked_sites")).intValue(),
                                t.get("site_code", String.class), t.get("site_name", String.class),
                                t.get("region_code", String.class), t.get("quarter", String.class),
                                t.get("score", BigDecimal.class), t.get("inspector", String.class), t.get("note", String.class)));
    }

    ChiefView chief(UUID id) {
        List<ChiefView> found = ListQuery.scoped(scope.filter("c.region_code", "c.site_code")).and("c.id = :id", "id", id)
                .nativePage(em, CHIEF_COLUMNS, "site_chief c", "c.id", new PageRequest(0, 1), SiteChiefService::chiefView).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("site chief", id);
        }
        return found.get(0);
    }

    static ChiefView chiefView(Tuple t) {
        return new ChiefView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), Role.valueOf(t.get("role", String.class)),
                t.get("site_id", UUID.class), t.get("site_code", String.class), t.get("region_code", String.class),
                t.get("name", String.class), t.get("position", String.class), t.get("username", String.class),
                date(t.get("appointed_on")), date(t.get("ended_on")));
    }

    static ProblemView problemView(Tuple t) {
        String status = t.get("status", String.class);
        LocalDate due = date(t.get("due_on"));
        return new ProblemView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("visit_id", UUID.class),
                t.get("site_code", String.class), t.get("region_code", String.class), t.get("description", String.class),
                t.get("owner", String.class), due, status, "OPEN".equals(status) && due.isBefore(LocalDate.now()),
                t.get("solution", String.class), date(t.get("solved_on")), t.get("solved_by", String.class),
                time(t.get("created_at")));
    }

    private static DomainException stale(String what) {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the " + what + " was changed by someone else since you read it; reload it");
    }
}
