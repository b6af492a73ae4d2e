package cn.resettle.employment.roll;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.employment.jobs.Employer;
import cn.resettle.employment.web.Xlsx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Monthly rolls of public-welfare posts and work-relief projects (在岗领补): made from the employer's placements active
 * in the month, days and amounts edited while DRAFT, approved by someone other than the maker (four eyes), then
 * locked: an approved month cannot change (409 roll-locked), and the subsidy/wage roll is its Excel.
 */
@ApplicationScoped
@Transactional
public class WorkRollService {

    public enum Status implements DictionaryEntry.Labelled {
        DRAFT("编制中"), APPROVED("已审核锁定");
        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public record NewRoll(@NotNull UUID employerId,
                          @NotNull @Pattern(regexp = "20[0-9]{2}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month) {
    }

    public record LineUpdate(@NotNull @PositiveOrZero Long version, @NotNull @Min(0) @Max(31) Integer days,
                             @NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal amount) {
    }

    public record Approve(@NotNull @PositiveOrZero Long version) {
    }

    public record Line(UUID placementId, UUID personId, String name, String siteCode, int days, BigDecimal amount) {
    }

    public record RollView(UUID id, long version, UUID employerId, String employerName, String month, Status status,
                           String statusLabel, String madeBy, OffsetDateTime madeAt, String approvedBy, OffsetDateTime approvedAt,
                           int people, long totalDays, BigDecimal totalAmount, List<Line> lines, int linesOutsideScope) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    public RollView create(NewRoll req) {
        Employer e = em.find(Employer.class, req.employerId());
        if (e == null) {
            throw new DomainException(422, "unknown-employer", "单位不存在 Unknown employer", "employerId: no such employer",
                    List.of(new Problem.Violation("employerId", "unknown employer")));
        }
        if (e.kind != Employer.Kind.PUBLIC_WELFARE && e.kind != Employer.Kind.WORK_RELIEF) {
            throw new DomainException(422, "not-a-roll-employer", "无法处理 Rule violated",
                    "employerId: monthly rolls are kept for public-welfare posts and work-relief projects, not " + e.kind,
                    List.of(new Problem.Violation("employerId", "not a public-welfare or work-relief employer")));
        }
        if (!scope.coversRegion(e.regionCode)) {
            throw DomainException.forbidden("the employer's region is outside your data scope");
        }
        YearMonth month = YearMonth.parse(req.month());
        if (month.isAfter(YearMonth.now())) {
            throw DomainException.invalid("month", "must not be in the future");
        }
        if (!em.createNativeQuery("select 1 from work_roll where employer_id = ?1 and roll_month = ?2")
                .setParameter(1, e.id).setParameter(2, req.month()).getResultList().isEmpty()) {
            throw DomainException.conflict("roll-exists", "the employer's roll for " + req.month() + " exists already");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into work_roll (id, version, employer_id, region_code, roll_month, status, made_by, made_at) "
                        + "values (?1, 0, ?2, ?3, ?4, 'DRAFT', ?5, now())")
                .setParameter(1, id).setParameter(2, e.id).setParameter(3, e.regionCode).setParameter(4, req.month())
                .setParameter(5, scope.actor()).executeUpdate();
        // everyone on the employer's posts during the month
        em.createNativeQuery("""
                        insert into work_roll_line (roll_id, placement_id, person_id, household_id, site_code)
                        select ?1, pl.id, pl.person_id, pl.household_id, pl.site_code from placement pl
                        where pl.employer_id = ?2 and pl.started_on <= ?4 and (pl.ended_on is null or pl.ended_on >= ?3)""")
                .setParameter(1, id).setParameter(2, e.id).setParameter(3, month.atDay(1)).setParameter(4, month.atEndOfMonth())
                .executeUpdate();
        return get(id);
    }

    public RollView updateLine(UUID rollId, UUID placementId, LineUpdate req) {
        RollView r = writable(rollId, req.version());
        if (r.lines().stream().noneMatch(l -> l.placementId().equals(placementId))) {
            // a line of a worker outside the caller's scope does not exist for them
            throw DomainException.notFound("roll line", placementId);
        }
        int changed = em.createNativeQuery("update work_roll_line set days = ?3, amount = ?4 where roll_id = ?1 and placement_id = ?2")
                .setParameter(1, rollId).setParameter(2, placementId).setParameter(3, req.days()).setParameter(4, req.amount())
                .executeUpdate();
        if (changed == 0) {
            throw DomainException.notFound("roll line", placementId);
        }
        int days = YearMonth.parse(r.month()).lengthOfMonth();
        if (req.days() > days) {
            throw DomainException.invalid("days", "the month has " + days + " days");
        }
        bump(rollId);
        em.createNativeQuery("update work_roll set edited_by = array_append(edited_by, ?2) where id = ?1 and not (?2 = any(edited_by))")
                .setParameter(1, rollId).setParameter(2, scope.actor()).executeUpdate();
        return get(rollId);
    }

    public RollView approve(UUID rollId, Approve req) {
        RollView r = writable(rollId, req.version());
        boolean edited = (Boolean) em.createNativeQuery("select ?2 = any(edited_by) from work_roll where id = ?1")
                .setParameter(1, rollId).setParameter(2, scope.actor()).getSingleResult();
        if (r.madeBy().equals(scope.actor()) || edited) {
            throw DomainException.unprocessable("four-eyes", "a roll is approved by someone other than its makers (who made it or changed its lines)");
        }
        if (r.linesOutsideScope() > 0) {
            // approving locks every line: only someone who sees them all may do it
            throw DomainException.unprocessable("lines-outside-scope", r.linesOutsideScope()
                    + " lines of the roll are workers outside your data scope; an official whose scope covers them all approves it");
        }
        em.createNativeQuery("update work_roll set status = 'APPROVED', approved_by = ?2, approved_at = now(), version = version + 1 where id = ?1")
                .setParameter(1, rollId).setParameter(2, scope.actor()).executeUpdate();
        return get(rollId);
    }

    public RollView read(UUID id) {
        RollView r = get(id);
        audit.list("work-roll", r.lines().stream().map(l -> householdOf(id, l.placementId())).distinct().toList(), false, "roll " + id);
        return r;
    }

    public Response export(UUID id) {
        RollView r = get(id);
        if (r.status() != Status.APPROVED) {
            throw DomainException.conflict("roll-not-approved", "the subsidy roll is issued from an approved month only");
        }
        List<UUID> households = r.lines().stream().map(l -> householdOf(id, l.placementId())).distinct().toList();
        audit.export("work-roll", households, false, "roll " + id);
        cn.resettle.common.security.DataScope.Filter lineScope = scope.filter("h.region_code", "l.site_code");
        Map<String, Object> params = new java.util.HashMap<>(lineScope.params());
        params.put("roll", id);
        String[] headers = {"月份", "单位", "姓名", "身份证号", "安置点", "出勤天数", "金额（元）"};
        return Xlsx.stream(em, """
                        select w.roll_month, e.name as employer, p.name, p.id_number_masked, l.site_code, l.days, l.amount
                        from work_roll_line l join work_roll w on w.id = l.roll_id join employer e on e.id = w.employer_id
                        left join registry_person p on p.id = l.person_id left join registry_household h on h.id = l.household_id
                        where l.roll_id = :roll and """ + lineScope.jpql() + " order by l.site_code, p.name",
                params, "补贴发放花名册 " + r.month(), headers, t -> new Object[]{t.get("roll_month"), t.get("employer"),
                        t.get("name"), t.get("id_number_masked"), t.get("site_code"), t.get("days"), t.get("amount")},
                "补贴发放花名册-" + r.month() + ".xlsx");
    }

    private UUID householdOf(UUID rollId, UUID placementId) {
        return (UUID) em.createNativeQuery("select household_id from work_roll_line where roll_id = ?1 and placement_id = ?2")
                .setParameter(1, rollId).setParameter(2, placementId).getSingleResult();
    }

    private void bump(UUID rollId) {
        em.createNativeQuery("update work_roll set version = version + 1 where id = ?1").setParameter(1, rollId).executeUpdate();
    }

    private RollView writable(UUID rollId, Long version) {
        RollView r = get(rollId);
        if (r.status() == Status.APPROVED) {
            throw DomainException.conflict("roll-locked", "the roll was approved by " + r.approvedBy() + " and is locked");
        }
        if (version == null || r.version() != version) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "the roll changed since you read it; reload it");
        }
        return r;
    }

    RollView get(UUID id) {
        em.flush();
        @SuppressWarnings("unchecked")
        List<Tuple> head = em.createNativeQuery("""
                        select w.id, w.version, w.employer_id, e.name as employer_name, w.region_code, w.roll_month, w.status, w.made_by,
                          w.made_at, w.approved_by, w.approved_at
                        from work_roll w join employer e on e.id = w.employer_id where w.id = ?1""", Tuple.class)
                .setParameter(1, id).getResultList();
        if (head.isEmpty() || !scope.coversRegion(head.get(0).get("region_code", String.class))) {
            throw DomainException.notFound("roll", id);
        }
        Tuple t = head.get(0);
        // the lines of workers in the caller's scope only: a township official sees their township's people, not the
        // other townships' workers of a county employer (the household's township or the line's site decides)
        cn.resettle.common.security.DataScope.Filter lineScope = scope.filter("h.region_code", "l.site_code");
        jakarta.persistence.Query lineQuery = em.createNativeQuery("""
                        select l.placement_id, l.person_id, p.name, l.site_code, l.days, l.amount from work_roll_line l
                        left join registry_person p on p.id = l.person_id left join registry_household h on h.id = l.household_id
                        where l.roll_id = :roll and """ + lineScope.jpql() + " order by l.site_code, p.name", Tuple.class)
                .setParameter("roll", id);
        lineScope.params().forEach(lineQuery::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = lineQuery.getResultList();
        long allLines = ((Number) em.createNativeQuery("select count(*) from work_roll_line where roll_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        List<Line> lines = rows.stream().map(x -> new Line(x.get("placement_id", UUID.class), x.get("person_id", UUID.class),
                x.get("name", String.class), x.get("site_code", String.class), ((Number) x.get("days")).intValue(),
                (BigDecimal) x.get("amount"))).toList();
        Status s = Status.valueOf(t.get("status", String.class));
        return new RollView(id, ((Number) t.get("version")).longValue(), t.get("employer_id", UUID.class), t.get("employer_name", String.class),
                t.get("roll_month", String.class), s, s.label(), t.get("made_by", String.class),
                cn.resettle.common.web.SqlValues.time(t.get("made_at")), t.get("approved_by", String.class),
                cn.resettle.common.web.SqlValues.time(t.get("approved_at")), lines.size(),
                lines.stream().mapToLong(Line::days).sum(), lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add), lines,
                (int) (allLines - lines.size()));
    }
}
