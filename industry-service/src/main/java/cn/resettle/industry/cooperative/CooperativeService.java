package cn.resettle.industry.cooperative;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.industry.cooperative.CooperativeDtos.CooperativeView;
import cn.resettle.industry.cooperative.CooperativeDtos.IncomeView;
import cn.resettle.industry.cooperative.CooperativeDtos.Kind;
import cn.resettle.industry.cooperative.CooperativeDtos.MemberView;
import cn.resettle.industry.cooperative.CooperativeDtos.SiteCollectiveEconomy;
import cn.resettle.industry.cooperative.CooperativeDtos.Status;
import cn.resettle.industry.link.LinkDtos;
import cn.resettle.industry.link.LinkService;
import cn.resettle.industry.web.IndustryConfig;
import cn.resettle.industry.web.ScopedPage;
import cn.resettle.industry.workshop.WorkshopService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cooperatives (合作社) and collective economic organisations (集体经济组织): registration at a site, member households
 * with shares (each membership is a COOPERATIVE link, which completes the household's industry-link tasks), income
 * per year, and per site the collective income against the configured targets.
 */
@ApplicationScoped
@Transactional
public class CooperativeService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    WorkshopService workshops;
    @Inject
    LinkService links;
    @Inject
    PersonalDataAudit audit;
    @Inject
    IndustryConfig config;

    public CooperativeView create(CooperativeDtos.NewCooperative req) {
        WorkshopService.Site s = workshops.site(req.siteCode());
        Long sameName = em.createQuery("select count(c) from Cooperative c where c.siteCode = :s and c.name = :n", Long.class)
                .setParameter("s", s.code()).setParameter("n", req.name().trim()).getSingleResult();
        if (sameName > 0) {
            throw duplicate("name", "the site already has an organisation of this name");
        }
        if (req.creditCode() != null) {
            Long sameCode = em.createQuery("select count(c) from Cooperative c where c.creditCode = :c", Long.class)
                    .setParameter("c", req.creditCode()).getSingleResult();
            if (sameCode > 0) {
                throw duplicate("creditCode", "another organisation is registered with this credit code");
            }
        }
        Cooperative c = new Cooperative();
        c.id = UUID.randomUUID();
        c.kind = req.kind();
        c.name = req.name().trim();
        c.siteCode = s.code();
        c.regionCode = s.townshipCode();
        c.creditCode = req.creditCode();
        c.representative = req.representative().trim();
        c.business = req.business().trim();
        c.establishedOn = req.establishedOn();
        c.status = Status.ACTIVE;
        c.createdBy = scope.actor();
        c.createdAt = c.updatedAt = OffsetDateTime.now();
        em.persist(c);
        em.flush();
        return views(List.of(c)).get(0);
    }

    private static DomainException duplicate(String field, String message) {
        return new DomainException(409, "duplicate", "冲突 Conflict", field + ": " + message,
                List.of(new Problem.Violation(field, message)));
    }

    public record Filter(Kind kind, String siteCode, String regionCode, Status status, String name) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<CooperativeView> list(Filter f, PageRequest page) {
        PageResult<Cooperative> p = ListQuery.scoped(scope.filter("c.regionCode", "c.siteCode"))
                .and("c.kind = :kind", "kind", f.kind())
                .and("c.siteCode = :site", "site", f.siteCode())
                .and("c.regionCode like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("c.status = :status", "status", f.status())
                .and("c.name like :name", "name", f.name() == null ? null : "%" + f.name() + "%")
                .page(em, Cooperative.class, "Cooperative c", "c.regionCode, c.siteCode, c.name, c.id", page);
        return new PageResult<>(views(p.items()), p.page(), p.size(), p.total(), p.totalPages());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CooperativeView get(UUID id) {
        return views(List.of(visible(id))).get(0);
    }

    Cooperative visible(UUID id) {
        Cooperative c = em.find(Cooperative.class, id);
        if (c == null || !scope.allows(c.regionCode, c.siteCode)) {
            throw DomainException.notFound("cooperative", id);
        }
        return c;
    }

    public CooperativeView dissolve(UUID id, CooperativeDtos.Dissolve req) {
        Cooperative c = visible(id);
        if (c.version != req.version()) {
            throw DomainException.conflict("stale", "the organisation changed since version " + req.version() + " (now " + c.version + ")");
        }
        if (c.status == Status.DISSOLVED) {
            throw DomainException.conflict("dissolved", "the organisation was dissolved on " + c.dissolvedOn);
        }
        if (req.dissolvedOn().isBefore(c.establishedOn)) {
            throw DomainException.invalid("dissolvedOn", "before the organisation was established (" + c.establishedOn + ")");
        }
        c.status = Status.DISSOLVED;
        c.dissolvedOn = req.dissolvedOn();
        c.updatedAt = OffsetDateTime.now();
        em.createNativeQuery("""
                        update cooperative_member set left_on = greatest(joined_on, ?1), left_reason = '组织注销 dissolved'
                        where cooperative_id = ?2 and left_on is null""")
                .setParameter(1, req.dissolvedOn()).setParameter(2, id).executeUpdate();
        em.flush();
        return views(List.of(c)).get(0);
    }

    /** Member counts, shares and this year's income for a whole page in one statement each. */
    private List<CooperativeView> views(List<Cooperative> cs) {
        if (cs.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = cs.stream().map(c -> c.id).toList();
        Map<UUID, Object[]> members = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                        select cooperative_id, count(distinct household_id), sum(shares) from cooperative_member
                        where cooperative_id in (:ids) and left_on is null group by cooperative_id""")
                .setParameter("ids", ids).getResultList()) {
            Object[] r = (Object[]) o;
            members.put((UUID) r[0], r);
        }
        Map<UUID, BigDecimal> income = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                        select cooperative_id, sum(amount) from cooperative_income where cooperative_id in (:ids) and year = :y
                        group by cooperative_id""").setParameter("ids", ids).setParameter("y", LocalDate.now().getYear())
                .getResultList()) {
            Object[] r = (Object[]) o;
            income.put((UUID) r[0], (BigDecimal) r[1]);
        }
        Map<String, String> siteNames = siteNames(cs.stream().map(c -> c.siteCode).distinct().toList());
        return cs.stream().map(c -> {
            Object[] m = members.get(c.id);
            return new CooperativeView(c.id, c.version, c.kind, c.kind.label(), c.name, c.siteCode, siteNames.get(c.siteCode),
                    c.regionCode, c.creditCode, c.representative, c.business, c.establishedOn, c.status, c.status.label(),
                    c.dissolvedOn, m == null ? 0 : ((Number) m[1]).longValue(), m == null ? BigDecimal.ZERO : (BigDecimal) m[2],
                    income.getOrDefault(c.id, BigDecimal.ZERO), c.createdAt, c.createdBy);
        }).toList();
    }

    private Map<String, String> siteNames(List<String> codes) {
        Map<String, String> names = new HashMap<>();
        for (Object o : em.createNativeQuery("select code, name from registry_site where code in (:codes)")
                .setParameter("codes", codes).getResultList()) {
            Object[] r = (Object[]) o;
            names.put((String) r[0], (String) r[1]);
        }
        return names;
    }

    // ---------------------------------------------------------------- members

    public MemberView join(UUID cooperativeId, CooperativeDtos.NewMember req) {
        Cooperative c = visible(cooperativeId);
        if (c.status == Status.DISSOLVED) {
            throw DomainException.conflict("dissolved", "the organisation was dissolved on " + c.dissolvedOn);
        }
        if (req.joinedOn().isBefore(c.establishedOn)) {
            throw DomainException.invalid("joinedOn", "before the organisation was established (" + c.establishedOn + ")");
        }
        long active = ((Number) em.createNativeQuery(
                        "select count(*) from cooperative_member where cooperative_id = ?1 and household_id = ?2 and left_on is null")
                .setParameter(1, cooperativeId).setParameter(2, req.householdId()).getSingleResult()).longValue();
        if (active > 0) {
            throw DomainException.conflict("already-member", "the household is already a member");
        }
        // the link checks the household (in the registry copy, in the caller's scope, active) and completes its tasks
        LinkDtos.LinkView link = links.record(new LinkDtos.NewLink(req.householdId(), LinkDtos.Kind.COOPERATIVE, null, null,
                c.name, null, req.joinedOn(), null, req.note()));
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into cooperative_member (id, cooperative_id, household_id, household_no, shares, joined_on,
                          recorded_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, cooperativeId).setParameter(3, link.householdId())
                .setParameter(4, link.householdNo()).setParameter(5, req.shares()).setParameter(6, req.joinedOn())
                .setParameter(7, scope.actor()).setParameter(8, OffsetDateTime.now()).executeUpdate();
        c.updatedAt = OffsetDateTime.now();
        MemberView v = memberRows(cooperativeId, member(cooperativeId, id), new PageRequest(0, 1)).items().get(0);
        return new MemberView(v.id(), v.cooperativeId(), v.householdId(), v.householdNo(), v.shares(), v.shareRatio(),
                v.joinedOn(), v.leftOn(), v.leftReason(), v.recordedBy(), link.id());
    }

    public MemberView left(UUID cooperativeId, UUID memberId, CooperativeDtos.MemberLeft req) {
        visible(cooperativeId);
        // a member whose household is outside the caller's scope does not exist for them
        if (memberRows(cooperativeId, member(cooperativeId, memberId), new PageRequest(0, 1)).items().isEmpty()) {
            throw DomainException.notFound("member", memberId);
        }
        int n = em.createNativeQuery("""
                        update cooperative_member set left_on = ?1, left_reason = ?2
                        where id = ?3 and cooperative_id = ?4 and left_on is null and joined_on <= ?1""")
                .setParameter(1, req.leftOn()).setParameter(2, req.reason()).setParameter(3, memberId)
                .setParameter(4, cooperativeId).executeUpdate();
        List<MemberView> found = memberRows(cooperativeId, member(cooperativeId, memberId), new PageRequest(0, 1)).items();
        if (n == 0) {
            if (found.get(0).leftOn() != null) {
                throw DomainException.conflict("member-left", "the household already left on " + found.get(0).leftOn());
            }
            throw DomainException.invalid("leftOn", "before the household joined (" + found.get(0).joinedOn() + ")");
        }
        return found.get(0);
    }

    /** One member row, if its household (by the registry copy) is in the caller's scope. */
    private ListQuery member(UUID cooperativeId, UUID memberId) {
        return ListQuery.scoped(scope.filter("h.region_code", "h.site_code")).and("m.id = :id").param("id", memberId)
                .and("m.cooperative_id = :c").param("c", cooperativeId);
    }

    /**
     * Member households in the caller's scope (by the registry copy's region and site of each household, not the
     * cooperative's): a county may add a household of another township to a cooperative, and that township's
     * neighbour sees only how many such members there are. Only the households shown are audited.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ScopedPage<MemberView> members(UUID cooperativeId, boolean includeLeft, PageRequest page) {
        visible(cooperativeId);
        DataScope.Filter f = scope.filter("h.region_code", "h.site_code");
        PageResult<MemberView> p = memberRows(cooperativeId, ListQuery.scoped(f).and("m.cooperative_id = :c").param("c", cooperativeId)
                .andIf(!includeLeft, "m.left_on is null"), page);
        Query outside = em.createNativeQuery("select count(*) from " + MEMBERS_FROM.replace(" join ", " left join ")
                + " where m.cooperative_id = :c" + (includeLeft ? "" : " and m.left_on is null")
                + " and not coalesce(" + f.jpql() + ", false)").setParameter("c", cooperativeId);
        f.params().forEach(outside::setParameter);
        long outsideScope = ((Number) outside.getSingleResult()).longValue();
        audit.list("cooperative-member", p.items().stream().map(MemberView::householdId).distinct().toList(), false,
                "cooperative=" + cooperativeId);
        return ScopedPage.of(p, outsideScope);
    }

    private static final String MEMBERS_FROM = "cooperative_member m join registry_household h on h.id = m.household_id";

    private PageResult<MemberView> memberRows(UUID cooperativeId, ListQuery q, PageRequest page) {
        BigDecimal total = (BigDecimal) em.createNativeQuery(
                        "select coalesce(sum(shares), 0) from cooperative_member where cooperative_id = ?1 and left_on is null")
                .setParameter(1, cooperativeId).getSingleResult();
        return q.nativePage(em, "m.id, m.cooperative_id, m.household_id, m.household_no, m.shares, m.joined_on, m.left_on, "
                        + "m.left_reason, m.recorded_by", MEMBERS_FROM, "m.household_no, m.id", page,
                t -> {
                    BigDecimal shares = t.get("shares", BigDecimal.class);
                    LocalDate leftOn = SqlValues.date(t.get("left_on"));
                    BigDecimal ratio = leftOn != null || total.signum() == 0 ? BigDecimal.ZERO
                            : shares.divide(total, 4, RoundingMode.HALF_UP);
                    return new MemberView(t.get("id", UUID.class), t.get("cooperative_id", UUID.class),
                            t.get("household_id", UUID.class), t.get("household_no", String.class), shares, ratio,
                            SqlValues.date(t.get("joined_on")), leftOn, t.get("left_reason", String.class),
                            t.get("recorded_by", String.class), null);
                });
    }

    // ---------------------------------------------------------------- income

    public IncomeView addIncome(UUID cooperativeId, CooperativeDtos.NewIncome req) {
        Cooperative c = visible(cooperativeId);
        if (req.receivedOn().getYear() < req.year()) {
            throw DomainException.invalid("receivedOn", "received before the year " + req.year() + " began");
        }
        if (req.year() < c.establishedOn.getYear()) {
            throw DomainException.invalid("year", "before the organisation was established (" + c.establishedOn + ")");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into cooperative_income (id, cooperative_id, year, amount, source, received_on, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, cooperativeId).setParameter(3, req.year()).setParameter(4, req.amount())
                .setParameter(5, req.source().trim()).setParameter(6, req.receivedOn()).setParameter(7, scope.actor())
                .setParameter(8, OffsetDateTime.now()).executeUpdate();
        return new IncomeView(id, cooperativeId, req.year(), req.amount(), req.source().trim(), req.receivedOn(), scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<IncomeView> incomes(UUID cooperativeId, Integer year, PageRequest page) {
        visible(cooperativeId);
        return ListQuery.where("i.cooperative_id = :c").param("c", cooperativeId).and("i.year = :y", "y", year)
                .nativePage(em, "i.id, i.cooperative_id, i.year, i.amount, i.source, i.received_on, i.recorded_by",
                        "cooperative_income i", "i.received_on desc, i.id", page,
                        t -> new IncomeView(t.get("id", UUID.class), t.get("cooperative_id", UUID.class),
                                ((Number) t.get("year")).intValue(), t.get("amount", BigDecimal.class),
                                t.get("source", String.class), SqlValues.date(t.get("received_on")),
                                t.get("recorded_by", String.class)));
    }

    // ---------------------------------------------------------------- collective economy per site

    /** Each active site of the registry copy in scope with its organisations and a year's income (one derived table). */
    private static final String SITES = """
            (select s.code as site_code, s.name as site_name, s.township_code as region_code,
               (select count(*) from cooperative c where c.site_code = s.code and c.kind = 'COLLECTIVE' and c.status = 'ACTIVE') as collectives,
               (select count(*) from cooperative c where c.site_code = s.code and c.kind = 'COOPERATIVE' and c.status = 'ACTIVE') as cooperatives,
               (select count(distinct m.household_id) from cooperative_member m join cooperative c on c.id = m.cooperative_id
                 where c.site_code = s.code and m.left_on is null) as member_households,
               coalesce((select sum(i.amount) from cooperative_income i join cooperative c on c.id = i.cooperative_id
                 where c.site_code = s.code and c.kind = 'COLLECTIVE' and i.year = :year), 0) as collective_income,
               coalesce((select sum(i.amount) from cooperative_income i join cooperative c on c.id = i.cooperative_id
                 where c.site_code = s.code and c.kind = 'COOPERATIVE' and i.year = :year), 0) as cooperative_income
             from registry_site s where s.status = 'ACTIVE') x""";

    private ListQuery economyQuery(int year, String siteCode, String regionCode, Boolean belowTarget) {
        return ListQuery.scoped(scope.filter("x.region_code", "x.site_code")).param("year", year)
                .and("x.site_code = :site", "site", siteCode)
                .and("x.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("x.collective_income < :target", "target",
                        Boolean.TRUE.equals(belowTarget) ? config.collectiveIncomeTarget() : null)
                .andIf(Boolean.FALSE.equals(belowTarget), "x.collective_income >= " + config.collectiveIncomeTarget().toPlainString());
    }

    private static final String ECONOMY_COLUMNS = "x.site_code, x.site_name, x.region_code, x.collectives, x.cooperatives, "
            + "x.member_households, x.collective_income, x.cooperative_income";

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<SiteCollectiveEconomy> economy(int year, String siteCode, String regionCode, Boolean belowTarget,
                                                    PageRequest page) {
        return economyQuery(year, siteCode, regionCode, belowTarget).nativePage(em, ECONOMY_COLUMNS, SITES,
                "x.region_code, x.site_code", page, t -> economyRow(year, t.get("site_code", String.class),
                        t.get("site_name", String.class), t.get("region_code", String.class), t.get("collectives"),
                        t.get("cooperatives"), t.get("member_households"), t.get("collective_income"), t.get("cooperative_income")));
    }

    private SiteCollectiveEconomy economyRow(int year, String code, String name, String region, Object collectives,
                                             Object cooperatives, Object members, Object collectiveIncome, Object cooperativeIncome) {
        BigDecimal income = new BigDecimal(collectiveIncome.toString());
        long orgs = ((Number) collectives).longValue();
        long coops = ((Number) cooperatives).longValue();
        BigDecimal target = config.collectiveIncomeTarget();
        BigDecimal typeTarget = config.collectiveEconomyTypeIncome();
        return new SiteCollectiveEconomy(code, name, region, year, orgs, coops, ((Number) members).longValue(), income,
                new BigDecimal(cooperativeIncome.toString()), target, income.compareTo(target) >= 0, typeTarget,
                orgs >= 1 && coops >= config.collectiveEconomyTypeCooperatives() && income.compareTo(typeTarget) >= 0);
    }

    /** Every site row of the collective-economy report in scope (for the Excel ledger), none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SiteCollectiveEconomy> economyLedger(int year, String siteCode, String regionCode) {
        ListQuery q = economyQuery(year, siteCode, regionCode, null);
        Query rows = em.createNativeQuery("select " + ECONOMY_COLUMNS + " from " + SITES + " where " + q.where()
                + " order by x.region_code, x.site_code");
        q.params().forEach(rows::setParameter);
        return ((List<Object[]>) rows.getResultList()).stream()
                .map(r -> economyRow(year, (String) r[0], (String) r[1], (String) r[2], r[3], r[4], r[5], r[6], r[7])).toList();
    }

    /** Rows of the organisation ledger (合作社与集体经济组织台账) in scope with the year's income, none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> ledger(int year, Kind kind, String siteCode, String regionCode) {
        ListQuery q = ListQuery.scoped(scope.filter("c.region_code", "c.site_code")).param("year", year)
                .and("c.kind = :kind", "kind", kind == null ? null : kind.name())
                .and("c.site_code = :site", "site", siteCode)
                .and("c.region_code like :region", "region", regionCode == null ? null : regionCode + "%");
        Query rows = em.createNativeQuery("""
                select c.name, c.kind, c.site_code, s.name as site_name, c.region_code, c.credit_code, c.representative,
                  c.business, c.established_on, c.status,
                  (select count(distinct m.household_id) from cooperative_member m where m.cooperative_id = c.id and m.left_on is null),
                  (select coalesce(sum(m.shares), 0) from cooperative_member m where m.cooperative_id = c.id and m.left_on is null),
                  (select coalesce(sum(i.amount), 0) from cooperative_income i where i.cooperative_id = c.id and i.year = :year)
                from cooperative c
                left join lateral (select name from registry_site rs where rs.code = c.site_code order by version desc limit 1) s on true
                where""" + " " + q.where() + " order by c.region_code, c.site_code, c.name");
        q.params().forEach(rows::setParameter);
        return ((List<Object[]>) rows.getResultList()).stream().map(r -> new Object[]{r[0], Kind.valueOf((String) r[1]).label(),
                r[2], r[3], r[4], r[5], r[6], r[7], r[8] == null ? null : r[8].toString(), Status.valueOf((String) r[9]).label(),
                r[10], r[11], r[12]}).toList();
    }
}
