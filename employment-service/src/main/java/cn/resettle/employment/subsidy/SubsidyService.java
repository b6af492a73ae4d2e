package cn.resettle.employment.subsidy;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.labour.LabourService;
import cn.resettle.employment.web.Xlsx;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subsidies as configuration [003]: who is eligible for how much, listed, never paid here.
 * <ul>
 *   <li><b>Employment retention</b> (稳岗): an employer (of the configured kinds) that has kept a relocated worker
 *   employed for {@code retention.months} months gets a one-off {@code retention.amount} per worker (one case per
 *   placement, dated the day the period is reached).</li>
 *   <li><b>Incubator</b> (创业孵化): an entrepreneur in an incubator gets back {@code incubator.share} of each month's
 *   actual costs (property, sanitation, rent, utilities) for {@code incubator.years} years from entry, at most
 *   {@code incubator.yearly-cap} a calendar year.</li>
 * </ul>
 * Every number is per-region policy: configuration, never a literal in the rules.
 */
@ApplicationScoped
@Transactional
public class SubsidyService {

    @ConfigMapping(prefix = "resettle.subsidies")
    public interface Rules {
        Retention retention();

        Incubator incubator();

        interface Retention {
            @WithDefault("12")
            int months();

            @WithDefault("1000")
            BigDecimal amount();

            /** Employer kinds whose retention counts (not public-welfare posts or work-relief projects, which are paid by the state). */
            @WithDefault("ENTERPRISE,WORKSHOP,OTHER")
            List<String> employerKinds();
        }

        interface Incubator {
            @WithDefault("0.5")
            BigDecimal share();

            @WithDefault("10000")
            BigDecimal yearlyCap();

            @WithDefault("3")
            int years();
        }
    }

    public record RulesView(int retentionMonths, BigDecimal retentionAmount, List<String> retentionEmployerKinds,
                            BigDecimal incubatorShare, BigDecimal incubatorYearlyCap, int incubatorYears) {
    }

    public record RetentionCase(UUID placementId, UUID employerId, String employerName, UUID personId, String name, String idNumber,
                                UUID householdId, String householdNo, String siteCode, String regionCode, LocalDate startedOn,
                                LocalDate reachedOn, LocalDate endedOn, boolean stillEmployed, BigDecimal amount) {
    }

    public record NewTenancy(@NotNull UUID personId, @NotBlank @Size(max = 100) String incubator,
                             @NotBlank @Size(max = 100) String business, @NotNull @PastOrPresent LocalDate enteredOn) {
    }

    public record Cost(@NotNull @Pattern(regexp = "20[0-9]{2}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month,
                       @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal propertyFee,
                       @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal sanitationFee,
                       @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal rent,
                       @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal utilities) {
    }

    public record TenancyView(UUID id, UUID personId, String name, String idNumber, UUID householdId, String householdNo,
                              String siteCode, String regionCode, String incubator, String business, LocalDate enteredOn,
                              LocalDate subsidisedUntil, long monthsRecorded) {
    }

    /** A tenancy's eligible incubator subsidy in a calendar year. */
    public record IncubatorCase(UUID tenancyId, UUID personId, String name, String idNumber, UUID householdId, String householdNo,
                                String siteCode, String regionCode, String incubator, String business, LocalDate enteredOn,
                                int year, int months, BigDecimal costs, BigDecimal uncapped, BigDecimal amount, boolean capped) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;
    @Inject
    LabourService labour;
    @Inject
    Rules rules;

    public RulesView rules() {
        return new RulesView(rules.retention().months(), rules.retention().amount(), rules.retention().employerKinds(),
                rules.incubator().share(), rules.incubator().yearlyCap(), rules.incubator().years());
    }

    // --- retention

    public PageResult<RetentionCase> retention(LocalDate asOf, UUID employerId, String siteCode, String regionCode, Integer year, PageRequest page) {
        ListQuery q = retentionQuery(asOf, employerId, siteCode, regionCode, year);
        PageResult<RetentionCase> result = q.nativePage(em, RETENTION_SELECT, RETENTION_FROM, "pl.started_on, pl.id", page, this::retentionView);
        audit.list("subsidy", result.items().stream().map(RetentionCase::householdId).distinct().toList(), false, "retention asOf=" + asOf);
        return result;
    }

    public Response retentionExport(LocalDate asOf, UUID employerId, String siteCode, String regionCode, Integer year) {
        ListQuery q = retentionQuery(asOf, employerId, siteCode, regionCode, year);
        auditExport(RETENTION_FROM, "pl.household_id", q, "retention asOf=" + asOf);
        String[] headers = {"用工单位", "户编号", "安置点", "乡镇", "姓名", "身份证号", "入职日期", "满期日期", "离岗日期", "仍在岗", "补贴金额（元）"};
        return Xlsx.stream(em, "select " + RETENTION_SELECT + " from " + RETENTION_FROM + " where " + q.where() + " order by pl.started_on, pl.id",
                q.params(), "稳岗补贴名单", headers, t -> {
                    RetentionCase c = retentionView(t);
                    return new Object[]{c.employerName(), c.householdNo(), c.siteCode(), c.regionCode(), c.name(), c.idNumber(),
                            c.startedOn(), c.reachedOn(), c.endedOn(), c.stillEmployed(), c.amount()};
                }, "稳岗补贴名单.xlsx");
    }

    private ListQuery retentionQuery(LocalDate asOf, UUID employerId, String siteCode, String regionCode, Integer year) {
        ListQuery q = ListQuery.scoped(scope.filter("pl.region_code", "pl.site_code"))
                .and("e.kind in (:kinds)").param("kinds", rules.retention().employerKinds())
                // kept the worker the whole period, and the period was reached by the day asked about
                .and("pl.started_on + make_interval(months => :months) <= least(coalesce(pl.ended_on, :asOf), :asOf)")
                .param("months", rules.retention().months()).param("asOf", asOf)
                .and("pl.employer_id = :employer", "employer", employerId)
                .and("pl.site_code = :site", "site", siteCode)
                .and("pl.region_code like :region", "region", regionCode == null ? null : regionCode + "%");
        if (year != null) {
            q.and("(pl.started_on + make_interval(months => :months)) >= :yFrom and (pl.started_on + make_interval(months => :months)) < :yTo")
                    .param("yFrom", LocalDate.of(year, 1, 1)).param("yTo", LocalDate.of(year + 1, 1, 1));
        }
        return q;
    }

    static final String RETENTION_SELECT = """
            pl.id, pl.employer_id, e.name as employer_name, pl.person_id, p.name, p.id_number_masked, pl.household_id,
            pl.household_no, pl.site_code, pl.region_code, pl.started_on, pl.ended_on, pl.status""";
    static final String RETENTION_FROM = """
            placement pl join employer e on e.id = pl.employer_id left join registry_person p on p.id = pl.person_id""";

    private RetentionCase retentionView(Tuple t) {
        LocalDate started = SqlValues.date(t.get("started_on"));
        return new RetentionCase(t.get("id", UUID.class), t.get("employer_id", UUID.class), t.get("employer_name", String.class),
                t.get("person_id", UUID.class), t.get("name", String.class), t.get("id_number_masked", String.class),
                t.get("household_id", UUID.class), t.get("household_no", String.class), t.get("site_code", String.class),
                t.get("region_code", String.class), started, started.plusMonths(rules.retention().months()),
                SqlValues.date(t.get("ended_on")), "ACTIVE".equals(t.get("status", String.class)), rules.retention().amount());
    }

    // --- incubator

    public TenancyView enter(NewTenancy req) {
        LabourView p = labour.find(req.personId());
        if (!"SELF_EMPLOYED".equals(p.employmentStatus())) {
            throw new DomainException(422, "not-an-entrepreneur", "无法处理 Rule violated",
                    "personId: the person is not recorded as self-employed (自主创业); record the placement SELF_EMPLOYED first",
                    List.of(new Problem.Violation("personId", "not self-employed")));
        }
        if (!em.createNativeQuery("select 1 from incubator_tenancy where person_id = ?1 and incubator = ?2")
                .setParameter(1, p.personId()).setParameter(2, req.incubator().trim()).getResultList().isEmpty()) {
            throw DomainException.conflict("already-in-incubator", "the person is registered in this incubator already");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into incubator_tenancy (id, version, person_id, household_id, household_no, region_code, site_code,
                          incubator, business, entered_on, recorded_by, created_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, id).setParameter(2, p.personId()).setParameter(3, p.householdId()).setParameter(4, p.householdNo())
                .setParameter(5, p.regionCode()).setParameter(6, p.siteCode()).setParameter(7, req.incubator().trim())
                .setParameter(8, req.business().trim()).setParameter(9, req.enteredOn()).setParameter(10, scope.actor())
                .setParameter(11, OffsetDateTime.now()).executeUpdate();
        return tenancy(id);
    }

    public TenancyView recordCost(UUID tenancyId, Cost req) {
        TenancyView t = tenancy(tenancyId);
        YearMonth month = YearMonth.parse(req.month());
        if (month.isAfter(YearMonth.now())) {
            throw DomainException.invalid("month", "must not be in the future");
        }
        if (month.isBefore(YearMonth.from(t.enteredOn()))) {
            throw new DomainException(422, "before-entry", "无法处理 Rule violated", "month: before the entry " + t.enteredOn(),
                    List.of(new Problem.Violation("month", "before the entry into the incubator")));
        }
        int added = em.createNativeQuery("""
                        insert into incubator_cost (tenancy_id, cost_month, property_fee, sanitation_fee, rent, utilities, recorded_by, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing""")
                .setParameter(1, tenancyId).setParameter(2, req.month()).setParameter(3, req.propertyFee())
                .setParameter(4, req.sanitationFee()).setParameter(5, req.rent()).setParameter(6, req.utilities())
                .setParameter(7, scope.actor()).setParameter(8, OffsetDateTime.now()).executeUpdate();
        if (added == 0) {
            throw DomainException.conflict("cost-recorded", "month: the costs of " + req.month() + " are recorded already");
        }
        return tenancy(tenancyId);
    }

    public PageResult<TenancyView> tenancies(String siteCode, String regionCode, UUID personId, PageRequest page) {
        ListQuery q = ListQuery.scoped(scope.filter("t.region_code", "t.site_code"))
                .and("t.site_code = :site", "site", siteCode)
                .and("t.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("t.person_id = :person", "person", personId);
        PageResult<TenancyView> result = q.nativePage(em, TENANCY_SELECT, TENANCY_FROM, "t.entered_on desc, t.id", page, this::tenancyView);
        audit.list("subsidy", result.items().stream().map(TenancyView::householdId).distinct().toList(), false, "incubator tenancies");
        return result;
    }

    private TenancyView tenancy(UUID id) {
        em.flush();
        PageResult<TenancyView> one = ListQuery.scoped(scope.filter("t.region_code", "t.site_code")).and("t.id = :id", "id", id)
                .nativePage(em, TENANCY_SELECT, TENANCY_FROM, "t.id", new PageRequest(0, 1), this::tenancyView);
        if (one.items().isEmpty()) {
            throw DomainException.notFound("incubator tenancy", id);
        }
        return one.items().get(0);
    }

    /** Each tenancy's eligible subsidy in the year: share of each month's costs inside the years from entry, capped. */
    public PageResult<IncubatorCase> incubator(int year, String siteCode, String regionCode, PageRequest page) {
        ListQuery q = incubatorQuery(year, siteCode, regionCode);
        PageResult<IncubatorCase> result = q.nativePage(em, "x.*", incubatorFrom(), "x.region_code, x.household_no, x.id", page,
                t -> incubatorView(t, year));
        audit.list("subsidy", result.items().stream().map(IncubatorCase::householdId).distinct().toList(), false, "incubator year=" + year);
        return result;
    }

    public Response incubatorExport(int year, String siteCode, String regionCode) {
        ListQuery q = incubatorQuery(year, siteCode, regionCode);
        auditExport(incubatorFrom(), "x.household_id", q, "incubator year=" + year);
        String[] headers = {"年度", "孵化基地", "经营项目", "户编号", "安置点", "姓名", "身份证号", "入驻日期", "计补月数", "实际费用（元）",
                "按比例（元）", "补贴金额（元）", "已封顶"};
        return Xlsx.stream(em, "select x.* from " + incubatorFrom() + " where " + q.where() + " order by x.region_code, x.household_no, x.id",
                q.params(), "创业孵化补贴名单 " + year, headers, t -> {
                    IncubatorCase c = incubatorView(t, year);
                    return new Object[]{c.year(), c.incubator(), c.business(), c.householdNo(), c.siteCode(), c.name(), c.idNumber(),
                            c.enteredOn(), c.months(), c.costs(), c.uncapped(), c.amount(), c.capped()};
                }, "创业孵化补贴名单-" + year + ".xlsx");
    }

    private ListQuery incubatorQuery(int year, String siteCode, String regionCode) {
        if (year < 2016 || year > Year.now().getValue()) {
            throw DomainException.invalid("year", "must be between 2016 and this year");
        }
        return ListQuery.scoped(scope.filter("x.region_code", "x.site_code"))
                .and("x.months > 0")
                .and("x.site_code = :site", "site", siteCode)
                .and("x.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .param("yFrom", String.format("%04d-01", year)).param("yTo", String.format("%04d-12", year))
                .param("share", rules.incubator().share()).param("years", rules.incubator().years());
    }

    /** Per tenancy: the year's months inside the subsidised years (entry month + years × 12, exclusive), their costs and share. */
    private String incubatorFrom() {
        return """
                (select t.id, t.person_id, p.name, p.id_number_masked, t.household_id, t.household_no, t.site_code, t.region_code,
                   t.incubator, t.business, t.entered_on, count(c.cost_month) as months,
                   coalesce(sum(c.property_fee + c.sanitation_fee + c.rent + c.utilities), 0) as costs,
                   coalesce(sum(round((c.property_fee + c.sanitation_fee + c.rent + c.utilities) * :share, 2)), 0) as uncapped
                 from incubator_tenancy t left join registry_person p on p.id = t.person_id
                   left join incubator_cost c on c.tenancy_id = t.id and c.cost_month between :yFrom and :yTo
                     and to_date(c.cost_month, 'YYYY-MM') < date_trunc('month', t.entered_on) + make_interval(years => :years)
                 group by t.id, p.name, p.id_number_masked) x""";
    }

    private IncubatorCase incubatorView(Tuple t, int year) {
        BigDecimal uncapped = (BigDecimal) t.get("uncapped");
        BigDecimal cap = rules.incubator().yearlyCap();
        return new IncubatorCase(t.get("id", UUID.class), t.get("person_id", UUID.class), t.get("name", String.class),
                t.get("id_number_masked", String.class), t.get("household_id", UUID.class), t.get("household_no", String.class),
                t.get("site_code", String.class), t.get("region_code", String.class), t.get("incubator", String.class),
                t.get("business", String.class), SqlValues.date(t.get("entered_on")), year, ((Number) t.get("months")).intValue(),
                (BigDecimal) t.get("costs"), uncapped, uncapped.min(cap).setScale(2, java.math.RoundingMode.HALF_UP), uncapped.compareTo(cap) > 0);
    }

    static final String TENANCY_SELECT = """
            t.id, t.person_id, p.name, p.id_number_masked, t.household_id, t.household_no, t.site_code, t.region_code, t.incubator,
            t.business, t.entered_on, (select count(*) from incubator_cost c where c.tenancy_id = t.id) as months_recorded""";
    static final String TENANCY_FROM = "incubator_tenancy t left join registry_person p on p.id = t.person_id";

    private TenancyView tenancyView(Tuple t) {
        LocalDate entered = SqlValues.date(t.get("entered_on"));
        return new TenancyView(t.get("id", UUID.class), t.get("person_id", UUID.class), t.get("name", String.class),
                t.get("id_number_masked", String.class), t.get("household_id", UUID.class), t.get("household_no", String.class),
                t.get("site_code", String.class), t.get("region_code", String.class), t.get("incubator", String.class),
                t.get("business", String.class), entered,
                entered.withDayOfMonth(1).plusYears(rules.incubator().years()).minusDays(1), ((Number) t.get("months_recorded")).longValue());
    }

    private void auditExport(String from, String householdColumn, ListQuery q, String detail) {
        Query count = em.createNativeQuery("select count(*) from " + from + " where " + q.where());
        Query ids = em.createNativeQuery("select distinct " + householdColumn + " from " + from + " where " + q.where());
        Map<String, Object> params = q.params();
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        Xlsx.requireFits(((Number) count.getSingleResult()).longValue());
        @SuppressWarnings("unchecked")
        List<UUID> households = ids.getResultList();
        audit.export("subsidy", households, false, detail);
    }
}
