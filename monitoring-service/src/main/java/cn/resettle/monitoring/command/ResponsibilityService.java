package cn.resettle.monitoring.command;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The responsibility list 责任清单 (seed 002 annex 1): the county's work items of the year by lead department and
 * person responsible, with deadline and progress, and the overdue ones; and the quarterly ranking of site chiefs by
 * their sites' inspection scores (from community's site-score.recorded events).
 */
@ApplicationScoped
@Transactional
public class ResponsibilityService {

    static final String COLUMNS = "d.id, d.version, d.county_code, d.year, d.seq, d.category, d.plan, d.lead_department, "
            + "d.departments, d.person, d.deadline, d.progress, d.progress_note, d.status, d.updated_by, d.updated_at, "
            + "(d.status = 'OPEN' and d.deadline < current_date) as overdue";

    public record DutyRequest(@NotNull @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit county code") String countyCode,
                              @NotNull @Min(2016) @Max(2100) Integer year, @NotNull @Min(1) @Max(999) Integer seq,
                              @NotBlank @Size(max = 100) String category, @NotBlank @Size(max = 1000) String plan,
                              @NotBlank @Size(max = 200) String leadDepartment, @Size(max = 500) String departments,
                              @NotBlank @Size(max = 100) String person, LocalDate deadline) {
    }

    public record ProgressRequest(@NotNull Long version, @NotNull @Min(0) @Max(100) Integer progress,
                                  @Size(max = 1000) String note) {
    }

    /** {@code deadline} null: 长期坚持 (ongoing, never overdue). */
    public record DutyView(UUID id, long version, String countyCode, int year, int seq, String category, String plan,
                           String leadDepartment, String departments, String person, LocalDate deadline, int progress,
                           String progressNote, String status, boolean overdue, String updatedBy, OffsetDateTime updatedAt) {
    }

    public record DepartmentSummary(String department, long total, long done, long overdue) {
    }

    /** A site's score in the quarter and its rank among the scored sites of its county (ties share a rank). */
    public record RankingRow(int rank, int rankedSites, String siteCode, String regionCode, String chiefName,
                             BigDecimal score, String inspector, OffsetDateTime recordedAt) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;

    public DutyView create(DutyRequest req) {
        if (!scope.coversRegion(req.countyCode())) {
            throw DomainException.notFound("county", req.countyCode());
        }
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("""
                        insert into command_duty (id, version, county_code, year, seq, category, plan, lead_department, departments,
                          person, deadline, progress, status, updated_by, updated_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, 'OPEN', ?11, now()) on conflict do nothing""")
                .setParameter(1, id).setParameter(2, req.countyCode()).setParameter(3, req.year()).setParameter(4, req.seq())
                .setParameter(5, req.category().strip()).setParameter(6, req.plan().strip()).setParameter(7, req.leadDepartment().strip())
                .setParameter(8, req.departments()).setParameter(9, req.person().strip()).setParameter(10, req.deadline())
                .setParameter(11, scope.actor()).executeUpdate();
        if (inserted == 0) {
            throw DomainException.conflict("duplicate-seq", "the " + req.year() + " list of " + req.countyCode()
                    + " already has item " + req.seq());
        }
        return get(id);
    }

    public DutyView progress(UUID id, ProgressRequest req) {
        DutyView d = get(id);
        int updated = em.createNativeQuery("update command_duty set version = version + 1, progress = ?1, progress_note = ?2, "
                        + "status = ?3, updated_by = ?4, updated_at = now() where id = ?5 and version = ?6")
                .setParameter(1, req.progress()).setParameter(2, req.note()).setParameter(3, req.progress() >= 100 ? "DONE" : "OPEN")
                .setParameter(4, scope.actor()).setParameter(5, id).setParameter(6, req.version()).executeUpdate();
        if (updated == 0) {
            throw DomainException.conflict("stale-version", "item " + d.seq() + " was changed by someone else (version "
                    + d.version() + ")");
        }
        return get(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DutyView get(UUID id) {
        PageResult<DutyView> p = visible(ListQuery.where("d.id = :id").param("id", id)).nativePage(em, COLUMNS, "command_duty d",
                "d.id", new PageRequest(0, 1), ResponsibilityService::view);
        if (p.items().isEmpty()) {
            throw DomainException.notFound("duty", id);
        }
        return p.items().get(0);
    }

    /** Items of the counties the caller belongs to (a township official sees their county's list). */
    private ListQuery visible(ListQuery q) {
        List<String> counties = scope.regionCodes().stream().filter(r -> r.length() >= 6).map(r -> r.substring(0, 6))
                .distinct().toList();
        List<String> prefixes = scope.regionCodes().stream().filter(r -> r.length() < 6).toList();
        List<String> ors = new ArrayList<>();
        if (!counties.isEmpty()) {
            ors.add("d.county_code in (:scopeCounties)");
            q.param("scopeCounties", counties);
        }
        for (int i = 0; i < prefixes.size(); i++) {
            ors.add("d.county_code like :scopePrefix" + i);
            q.param("scopePrefix" + i, prefixes.get(i) + "%");
        }
        return q.and(ors.isEmpty() ? "1 = 0" : "(" + String.join(" or ", ors) + ")");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<DutyView> list(String county, Integer year, String department, String person, Boolean overdue,
                                     String status, PageRequest page) {
        ListQuery q = visible(ListQuery.where("1 = 1"))
                .and("d.county_code = :county", "county", county)
                .and("d.year = :year", "year", year)
                .and("(d.lead_department like :dept or d.departments like :dept)", "dept", department == null ? null : "%" + department + "%")
                .and("d.person = :person", "person", person)
                .and("d.status = :status", "status", status)
                .andIf(Boolean.TRUE.equals(overdue), "d.status = 'OPEN' and d.deadline < current_date");
        return q.nativePage(em, COLUMNS, "command_duty d", "d.year, d.seq, d.id", page, ResponsibilityService::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DepartmentSummary> summary(String county, int year) {
        ListQuery q = visible(ListQuery.where("d.year = :year").param("year", year)).and("d.county_code = :county", "county", county);
        Query sql = em.createNativeQuery("select d.lead_department, count(*), count(*) filter (where d.status = 'DONE'), "
                + "count(*) filter (where d.status = 'OPEN' and d.deadline < current_date) from command_duty d where "
                + q.where() + " group by d.lead_department order by d.lead_department");
        q.params().forEach(sql::setParameter);
        List<DepartmentSummary> out = new ArrayList<>();
        for (Object o : sql.getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new DepartmentSummary((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue()));
        }
        return out;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<RankingRow> ranking(Area area, String quarter, PageRequest page) {
        DataScope.Filter f = scope.filter("r.region_code", "r.site_code");
        String ranked = "(select s.*, cast(rank() over (partition by left(s.region_code, 6) order by s.score desc) as int) as county_rank, "
                + "cast(count(*) over (partition by left(s.region_code, 6)) as int) as ranked_sites "
                + "from command_site_score s where s.quarter = :quarter) r";
        return ListQuery.scoped(f).param("quarter", quarter)
                .and(area.condition("r.region_code", "r.site_code"), area.paramName(), area.paramValue())
                .nativePage(em, "r.county_rank, r.ranked_sites, r.site_code, r.region_code, r.chief_name, r.score, r.inspector, r.recorded_at",
                        ranked, "r.county_rank, r.site_code", page, t -> new RankingRow(((Number) t.get("county_rank")).intValue(),
                                ((Number) t.get("ranked_sites")).intValue(), t.get("site_code", String.class),
                                t.get("region_code", String.class), t.get("chief_name", String.class),
                                t.get("score", BigDecimal.class), t.get("inspector", String.class), SqlValues.time(t.get("recorded_at"))));
    }

    private static DutyView view(Tuple t) {
        return new DutyView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("county_code", String.class),
                ((Number) t.get("year")).intValue(), ((Number) t.get("seq")).intValue(), t.get("category", String.class),
                t.get("plan", String.class), t.get("lead_department", String.class), t.get("departments", String.class),
                t.get("person", String.class), SqlValues.date(t.get("deadline")), ((Number) t.get("progress")).intValue(),
                t.get("progress_note", String.class), t.get("status", String.class), Boolean.TRUE.equals(t.get("overdue")),
                t.get("updated_by", String.class), SqlValues.time(t.get("updated_at")));
    }
}
