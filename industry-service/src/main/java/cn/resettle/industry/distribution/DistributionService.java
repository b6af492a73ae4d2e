package cn.resettle.industry.distribution;

import cn.resettle.common.events.IndustryEvents.IncomePaid;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.industry.asset.AssetEnums;
import cn.resettle.industry.asset.AssetService;
import cn.resettle.industry.asset.ProjectAsset;
import cn.resettle.industry.distribution.DistributionDtos.CycleView;
import cn.resettle.industry.distribution.DistributionDtos.IncomeView;
import cn.resettle.industry.distribution.DistributionDtos.ShareView;
import cn.resettle.industry.distribution.DistributionDtos.Status;
import cn.resettle.industry.distribution.DistributionDtos.Use;
import cn.resettle.industry.distribution.DistributionDtos.UseAmount;
import cn.resettle.industry.distribution.DistributionDtos.UseView;
import cn.resettle.industry.workshop.WorkshopService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Income of operating assets and its yearly distribution per site (收益分配): a cycle is drafted with the uses of the
 * income, approved by someone other than its maker (the uses must add up to the income; the beneficiary households
 * and their shares are frozen then, one share per active member: 折股量化到人), distributed (each household's
 * dividend paid and sent to monitoring as income evidence, {@link IncomePaid}) and closed.
 */
@ApplicationScoped
@Transactional
public class DistributionService {

    private static final Logger LOG = Logger.getLogger(DistributionService.class);

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;
    @Inject
    AssetService assets;
    @Inject
    WorkshopService sites;
    @Inject
    PersonalDataAudit audit;

    // ---------------------------------------------------------------- income

    public IncomeView addIncome(UUID assetId, DistributionDtos.NewIncome req) {
        ProjectAsset a = assets.visible(assetId);
        if (a.kind != AssetEnums.Kind.OPERATING) {
            throw DomainException.unprocessable("not-operating", "only operating assets (经营性资产) earn income; this one is " + a.kind);
        }
        if (a.status == AssetEnums.Status.DISPOSED) {
            throw DomainException.conflict("asset-disposed", "the asset was disposed of");
        }
        if (req.receivedOn().getYear() < req.year()) {
            throw DomainException.invalid("receivedOn", "before the year " + req.year() + " the income belongs to");
        }
        Long locked = ((Number) em.createNativeQuery("""
                        select count(*) from distribution_cycle where site_code = ?1 and year = ?2 and status <> 'DRAFT'""")
                .setParameter(1, a.siteCode).setParameter(2, req.year()).getSingleResult()).longValue();
        if (locked > 0) {
            throw DomainException.conflict("distribution-approved",
                    "the site's distribution of " + req.year() + " is approved; its income can no longer change");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into asset_income (id, asset_id, year, amount, received_on, payer, note, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, id).setParameter(2, assetId).setParameter(3, req.year()).setParameter(4, req.amount())
                .setParameter(5, req.receivedOn()).setParameter(6, req.payer()).setParameter(7, req.note())
                .setParameter(8, scope.actor()).setParameter(9, OffsetDateTime.now()).executeUpdate();
        return new IncomeView(id, assetId, req.year(), req.amount(), req.receivedOn(), req.payer(), req.note(), scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<IncomeView> incomes(UUID assetId, PageRequest page) {
        assets.visible(assetId);
        return ListQuery.where("i.asset_id = :a").param("a", assetId).nativePage(em,
                "i.id, i.asset_id, i.year, i.amount, i.received_on, i.payer, i.note, i.recorded_by", "asset_income i",
                "i.received_on desc, i.id", page, t -> new IncomeView(t.get("id", UUID.class), t.get("asset_id", UUID.class),
                        ((Number) t.get("year")).intValue(), t.get("amount", BigDecimal.class), SqlValues.date(t.get("received_on")),
                        t.get("payer", String.class), t.get("note", String.class), t.get("recorded_by", String.class)));
    }

    private BigDecimal siteIncome(String siteCode, int year) {
        Object v = em.createNativeQuery("""
                        select coalesce(sum(i.amount), 0) from asset_income i join project_asset a on a.id = i.asset_id
                        where a.site_code = ?1 and i.year = ?2 and a.kind = 'OPERATING'""")
                .setParameter(1, siteCode).setParameter(2, year).getSingleResult();
        return ((BigDecimal) v).setScale(2, RoundingMode.HALF_UP);
    }

    // ---------------------------------------------------------------- cycles

    public CycleView create(DistributionDtos.NewCycle req) {
        WorkshopService.Site s = sites.site(req.siteCode());
        if (req.year() > LocalDate.now().getYear()) {
            throw DomainException.invalid("year", "a year that has not begun");
        }
        Long exists = ((Number) em.createNativeQuery("select count(*) from distribution_cycle where site_code = ?1 and year = ?2")
                .setParameter(1, s.code()).setParameter(2, req.year()).getSingleResult()).longValue();
        if (exists > 0) {
            throw new DomainException(409, "duplicate", "冲突 Conflict", "year: the site already has a distribution for " + req.year(),
                    List.of(new Problem.Violation("year", "a distribution for this site and year exists")));
        }
        checkUses(req.uses());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into distribution_cycle (id, site_code, region_code, year, income, status, created_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, 'DRAFT', ?6, ?7)""")
                .setParameter(1, id).setParameter(2, s.code()).setParameter(3, s.townshipCode()).setParameter(4, req.year())
                .setParameter(5, siteIncome(s.code(), req.year())).setParameter(6, scope.actor())
                .setParameter(7, OffsetDateTime.now()).executeUpdate();
        writeUses(id, req.uses());
        return get(id);
    }

    public CycleView setUses(UUID id, DistributionDtos.SetUses req) {
        Cycle c = writable(id, req.version(), Status.DRAFT);
        checkUses(req.uses());
        em.createNativeQuery("delete from distribution_use where cycle_id = ?1").setParameter(1, id).executeUpdate();
        writeUses(id, req.uses());
        em.createNativeQuery("update distribution_cycle set income = ?1, version = version + 1, "
                        + "edited_by = case when ?3 = any(edited_by) then edited_by else array_append(edited_by, ?3) end where id = ?2")
                .setParameter(1, siteIncome(c.siteCode(), c.year())).setParameter(2, id).setParameter(3, scope.actor()).executeUpdate();
        return get(id);
    }

    private static void checkUses(List<UseAmount> uses) {
        Set<Use> seen = EnumSet.noneOf(Use.class);
        for (int i = 0; i < uses.size(); i++) {
            if (!seen.add(uses.get(i).use())) {
                throw DomainException.invalid("uses[" + i + "].use", uses.get(i).use() + " is named twice");
            }
        }
    }

    private void writeUses(UUID id, List<UseAmount> uses) {
        for (UseAmount u : uses) {
            em.createNativeQuery("insert into distribution_use (cycle_id, use_code, amount) values (?1, ?2, ?3)")
                    .setParameter(1, id).setParameter(2, u.use().name()).setParameter(3, u.amount()).executeUpdate();
        }
    }

    /**
     * Approve: by someone other than the maker; the income is fixed as recorded now and the uses must add up to it;
     * the beneficiaries (active households of the site, one share per active member) and their dividends are frozen.
     */
    public CycleView approve(UUID id, DistributionDtos.Transition req) {
        Cycle c = writable(id, req.version(), Status.DRAFT);
        boolean edited = (Boolean) em.createNativeQuery("select ?2 = any(edited_by) from distribution_cycle where id = ?1")
                .setParameter(1, id).setParameter(2, scope.actor()).getSingleResult();
        if (c.createdBy().equals(scope.actor()) || edited) {
            throw DomainException.unprocessable("same-person", "审批人不能是制定人: the plan must be approved by someone other than its makers (who created it or set its uses)");
        }
        BigDecimal income = siteIncome(c.siteCode(), c.year());
        if (income.signum() == 0) {
            throw DomainException.unprocessable("no-income", "no income of the site's operating assets is recorded for " + c.year());
        }
        Map<Use, BigDecimal> uses = uses(id);
        BigDecimal total = uses.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(income) != 0) {
            throw new DomainException(422, "uses-do-not-add-up", "用途合计与收益不符 Uses do not add up",
                    "the uses add up to " + total + " but the income of " + c.year() + " is " + income,
                    List.of(new Problem.Violation("uses", "must add up to " + income)));
        }
        int households = em.createNativeQuery("""
                        insert into distribution_share (cycle_id, household_id, household_no, region_code, site_code, shares, amount)
                        select ?1, h.id, h.household_no, h.region_code, h.site_code, count(p.id), 0
                        from registry_household h join registry_person p on p.household_id = h.id and p.status = 'ACTIVE'
                        where h.site_code = ?2 and h.status = 'ACTIVE'
                        group by h.id, h.household_no, h.region_code, h.site_code""")
                .setParameter(1, id).setParameter(2, c.siteCode()).executeUpdate();
        BigDecimal dividend = uses.getOrDefault(Use.DIVIDEND, BigDecimal.ZERO);
        long shares = ((Number) em.createNativeQuery("select coalesce(sum(shares), 0) from distribution_share where cycle_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        if (dividend.signum() > 0) {
            if (shares == 0) {
                throw DomainException.unprocessable("no-beneficiaries", "the site has no active household to pay a dividend to");
            }
            splitDividend(id, dividend, shares);
        }
        em.createNativeQuery("""
                        update distribution_cycle set status = 'APPROVED', income = ?1, approved_by = ?2, approved_at = ?3,
                          beneficiaries = ?4, total_shares = ?5, version = version + 1 where id = ?6""")
                .setParameter(1, income).setParameter(2, scope.actor()).setParameter(3, OffsetDateTime.now())
                .setParameter(4, households).setParameter(5, (int) shares).setParameter(6, id).executeUpdate();
        LOG.infof("distribution %s (%s %d) approved: %d households, %d shares", id, c.siteCode(), c.year(), households, shares);
        return get(id);
    }

    /** Each household's dividend = dividend × its shares / all shares, cut to the cent; the cents left over go one each to the first households by number. */
    private void splitDividend(UUID id, BigDecimal dividend, long shares) {
        em.createNativeQuery("""
                        update distribution_share set amount = floor(?1 * shares * 100 / ?2) / 100 where cycle_id = ?3""")
                .setParameter(1, dividend).setParameter(2, shares).setParameter(3, id).executeUpdate();
        BigDecimal paid = (BigDecimal) em.createNativeQuery("select coalesce(sum(amount), 0) from distribution_share where cycle_id = ?1")
                .setParameter(1, id).getSingleResult();
        int cents = dividend.subtract(paid).movePointRight(2).intValueExact();
        if (cents > 0) {
            em.createNativeQuery("""
                            update distribution_share s set amount = s.amount + 0.01 from (
                              select household_id from distribution_share where cycle_id = ?1
                              order by household_no, household_id limit ?2) f
                            where s.cycle_id = ?1 and s.household_id = f.household_id""")
                    .setParameter(1, id).setParameter(2, cents).executeUpdate();
        }
    }

    /** Distribute: every beneficiary's dividend is recorded as paid and sent to monitoring as income evidence. */
    public CycleView distribute(UUID id, DistributionDtos.Distribute req) {
        Cycle c = writable(id, req.version(), Status.APPROVED);
        if (req.paidOn().isBefore(c.approvedOn())) {
            throw DomainException.invalid("paidOn", "before the plan was approved (" + c.approvedOn() + ")");
        }
        em.createNativeQuery("update distribution_share set paid_on = ?1 where cycle_id = ?2")
                .setParameter(1, req.paidOn()).setParameter(2, id).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Tuple> paid = em.createNativeQuery("""
                        select household_id, household_no, region_code, site_code, amount from distribution_share
                        where cycle_id = ?1 and amount > 0 order by household_no""", Tuple.class)
                .setParameter(1, id).getResultList();
        for (Tuple t : paid) {
            UUID household = t.get("household_id", UUID.class);
            outbox.publish(Topics.INDUSTRY, household, new IncomePaid(household, t.get("household_no", String.class),
                    t.get("region_code", String.class), t.get("site_code", String.class), "DIVIDEND",
                    t.get("amount", BigDecimal.class), req.paidOn(), c.year(), id));
        }
        em.createNativeQuery("""
                        update distribution_cycle set status = 'DISTRIBUTED', distributed_by = ?1, distributed_at = ?2, paid_on = ?3,
                          version = version + 1 where id = ?4""")
                .setParameter(1, scope.actor()).setParameter(2, OffsetDateTime.now()).setParameter(3, req.paidOn())
                .setParameter(4, id).executeUpdate();
        LOG.infof("distribution %s distributed: %d dividends paid", id, paid.size());
        return get(id);
    }

    public CycleView close(UUID id, DistributionDtos.Transition req) {
        writable(id, req.version(), Status.DISTRIBUTED);
        em.createNativeQuery("update distribution_cycle set status = 'CLOSED', closed_by = ?1, closed_at = ?2, version = version + 1 where id = ?3")
                .setParameter(1, scope.actor()).setParameter(2, OffsetDateTime.now()).setParameter(3, id).executeUpdate();
        return get(id);
    }

    record Cycle(UUID id, long version, String siteCode, String regionCode, int year, Status status, String createdBy,
                 LocalDate approvedOn) {
    }

    private Cycle cycle(UUID id) {
        return cycle(id, false);
    }

    private Cycle cycle(UUID id, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Tuple> r = em.createNativeQuery("""
                        select id, version, site_code, region_code, year, status, created_by, approved_at
                        from distribution_cycle where id = ?1""" + (lock ? " for update" : ""), Tuple.class).setParameter(1, id).getResultList();
        if (r.isEmpty() || !scope.allows(r.get(0).get("region_code", String.class), r.get(0).get("site_code", String.class))) {
            throw DomainException.notFound("distribution", id);
        }
        Tuple t = r.get(0);
        OffsetDateTime approved = SqlValues.time(t.get("approved_at"));
        return new Cycle(id, ((Number) t.get("version")).longValue(), t.get("site_code", String.class),
                t.get("region_code", String.class), ((Number) t.get("year")).intValue(),
                Status.valueOf(t.get("status", String.class)), t.get("created_by", String.class),
                approved == null ? null : approved.toLocalDate());
    }

    private Cycle writable(UUID id, long version, Status expected) {
        Cycle c = cycle(id, true);
        if (c.version() != version) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                    "the distribution was changed since you read it; reload it");
        }
        if (c.status() != expected) {
            throw DomainException.conflict("wrong-status", "the distribution is " + c.status() + "; this needs " + expected);
        }
        return c;
    }

    private Map<Use, BigDecimal> uses(UUID id) {
        Map<Use, BigDecimal> m = new java.util.EnumMap<>(Use.class);
        for (Object o : em.createNativeQuery("select use_code, amount from distribution_use where cycle_id = ?1")
                .setParameter(1, id).getResultList()) {
            Object[] r = (Object[]) o;
            m.put(Use.valueOf((String) r[0]), (BigDecimal) r[1]);
        }
        return m;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CycleView get(UUID id) {
        PageResult<CycleView> p = cycles(ListQuery.scoped(scope.filter("c.region_code", "c.site_code")).and("c.id = :id").param("id", id),
                new PageRequest(0, 1));
        if (p.items().isEmpty()) {
            throw DomainException.notFound("distribution", id);
        }
        return p.items().get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<CycleView> list(String siteCode, String regionCode, Integer year, Status status, PageRequest page) {
        return cycles(ListQuery.scoped(scope.filter("c.region_code", "c.site_code"))
                .and("c.site_code = :site", "site", siteCode)
                .and("c.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("c.year = :year", "year", year)
                .and("c.status = :status", "status", status == null ? null : status.name()), page);
    }

    private PageResult<CycleView> cycles(ListQuery q, PageRequest page) {
        PageResult<Tuple> rows = q.nativePage(em, "c.*", "distribution_cycle c", "c.year desc, c.site_code", page, t -> t);
        Map<UUID, List<UseView>> uses = new HashMap<>();
        if (!rows.items().isEmpty()) {
            for (Object o : em.createNativeQuery("select cycle_id, use_code, amount from distribution_use where cycle_id in (:ids)")
                    .setParameter("ids", rows.items().stream().map(t -> t.get("id", UUID.class)).toList()).getResultList()) {
                Object[] r = (Object[]) o;
                Use u = Use.valueOf((String) r[1]);
                uses.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new UseView(u, u.label(), (BigDecimal) r[2]));
            }
        }
        return rows.map(t -> {
            UUID id = t.get("id", UUID.class);
            List<UseView> us = uses.getOrDefault(id, List.of()).stream().sorted(java.util.Comparator.comparing(UseView::use)).toList();
            BigDecimal total = us.stream().map(UseView::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal income = t.get("income", BigDecimal.class);
            Status s = Status.valueOf(t.get("status", String.class));
            return new CycleView(id, ((Number) t.get("version")).longValue(), t.get("site_code", String.class),
                    t.get("region_code", String.class), ((Number) t.get("year")).intValue(), income, us, total,
                    total.compareTo(income) == 0, s, s.label(), (Integer) t.get("beneficiaries"), (Integer) t.get("total_shares"),
                    t.get("created_by", String.class), SqlValues.time(t.get("created_at")), t.get("approved_by", String.class),
                    SqlValues.time(t.get("approved_at")), t.get("distributed_by", String.class),
                    SqlValues.time(t.get("distributed_at")), SqlValues.date(t.get("paid_on")), t.get("closed_by", String.class),
                    SqlValues.time(t.get("closed_at")));
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ShareView> shares(UUID id, PageRequest page) {
        cycle(id);
        PageResult<ShareView> p = ListQuery.where("s.cycle_id = :c").param("c", id).nativePage(em,
                "s.household_id, s.household_no, s.site_code, s.shares, s.amount, s.paid_on", "distribution_share s",
                "s.household_no, s.household_id", page, DistributionService::share);
        audit.list("distribution-share", p.items().stream().map(ShareView::householdId).toList(), false, "distribution=" + id);
        return p;
    }

    private static ShareView share(Tuple t) {
        return new ShareView(t.get("household_id", UUID.class), t.get("household_no", String.class), t.get("site_code", String.class),
                ((Number) t.get("shares")).intValue(), t.get("amount", BigDecimal.class), SqlValues.date(t.get("paid_on")));
    }

    /** The plan as rows for Excel: the uses, then every beneficiary household with shares and dividend. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> plan(UUID id) {
        CycleView c = get(id);
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"收益", c.siteCode() + " " + c.year() + " 年经营性资产收益", null, c.income(), c.statusLabel()});
        for (UseView u : c.uses()) {
            rows.add(new Object[]{"用途", u.label(), null, u.amount(), null});
        }
        @SuppressWarnings("unchecked")
        List<Tuple> shares = em.createNativeQuery("""
                        select household_id, household_no, shares, amount, paid_on from distribution_share where cycle_id = ?1
                        order by household_no, household_id""", Tuple.class).setParameter(1, id).getResultList();
        List<UUID> households = new ArrayList<>(shares.size());
        for (Tuple t : shares) {
            households.add(t.get("household_id", UUID.class));
            rows.add(new Object[]{"分红", t.get("household_no", String.class), ((Number) t.get("shares")).intValue(),
                    t.get("amount", BigDecimal.class), t.get("paid_on") == null ? "未发放" : "已发放 " + SqlValues.date(t.get("paid_on"))});
        }
        audit.export("distribution-share", households, false, "distribution=" + id);
        return rows;
    }
}
