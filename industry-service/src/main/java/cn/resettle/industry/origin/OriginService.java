package cn.resettle.industry.origin;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.industry.link.LinkService;
import cn.resettle.industry.origin.OriginDtos.Activity;
import cn.resettle.industry.origin.OriginDtos.HouseStatus;
import cn.resettle.industry.origin.OriginDtos.OldHouseView;
import cn.resettle.industry.origin.OriginDtos.ReclaimMethod;
import cn.resettle.industry.origin.OriginDtos.RetainReason;
import cn.resettle.industry.origin.OriginDtos.ReturnStatus;
import cn.resettle.industry.origin.OriginDtos.SeasonalReturnView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The origin place after the move. Old houses: registered as to be demolished (应拆尽拆), then demolished and reclaimed
 * or regreened, or — attached or worth keeping — taken back by the village collective and sealed (002 line 100).
 * Seasonal returns: a relocated person going back to farm or breed at the origin place for a season, registered at
 * the site with the signed commitment to live in safe housing meanwhile (002 item 29), until they are back.
 * Both are kept for the household's scope (region and site of the registry copy); reads are audited.
 */
@ApplicationScoped
@Transactional
public class OriginService {

    static final String HOUSE_COLUMNS = """
            o.id, o.version, o.household_id, o.household_no, o.region_code, o.site_code, o.location, o.floor_area_m2, o.status,
            o.demolished_on, o.reclaimed_on, o.reclaim_method, o.reclaimed_mu, o.retain_reason, o.sealed_on, o.note,
            o.created_at, o.created_by""";
    static final String RETURN_COLUMNS = """
            s.id, s.version, s.household_id, s.household_no, s.region_code, s.site_code, s.person_id, s.person_name,
            s.origin_location, s.activity, s.crop, s.from_on, s.to_on, s.commitment_signed_on, s.safe_housing, s.status,
            s.back_on, s.created_at, s.created_by""";

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;
    @Inject
    LinkService links;

    /** The household from the registry copy (LinkService: in the caller's scope), still living at a site. */
    private Household household(UUID id) {
        LinkService.Household h = links.household(id);
        if (!"ACTIVE".equals(h.status())) {
            throw DomainException.unprocessable("household-inactive", "the household is " + h.status());
        }
        return new Household(h.id(), h.householdNo(), h.regionCode(), h.siteCode());
    }

    private record Household(UUID id, String no, String region, String site) {
    }

    // ---- old houses ---------------------------------------------------------------------------------------------

    public OldHouseView register(OriginDtos.NewOldHouse req) {
        Household h = household(req.householdId());
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into old_house (id, household_id, household_no, region_code, site_code, location, floor_area_m2, status,
                          note, created_by, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'TO_DEMOLISH', ?8, ?9, ?10, ?10)""")
                .setParameter(1, id).setParameter(2, h.id()).setParameter(3, h.no()).setParameter(4, h.region())
                .setParameter(5, h.site()).setParameter(6, req.location().trim()).setParameter(7, req.floorAreaM2())
                .setParameter(8, req.note()).setParameter(9, scope.actor()).setParameter(10, now).executeUpdate();
        return house(id);
    }

    private OldHouseView house(UUID id) {
        List<OldHouseView> r = ListQuery.where("o.id = :id").param("id", id).nativePage(em, HOUSE_COLUMNS, "old_house o", "o.id",
                new PageRequest(0, 1), OriginService::houseView).items();
        if (r.isEmpty() || !scope.allows(r.get(0).regionCode(), r.get(0).siteCode())) {
            throw DomainException.notFound("old house", id);
        }
        return r.get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OldHouseView getHouse(UUID id) {
        OldHouseView v = house(id);
        audit.read("old-house", v.householdId(), false);
        return v;
    }

    public OldHouseView demolished(UUID id, OriginDtos.Demolished req) {
        OldHouseView o = house(id);
        expect(o, HouseStatus.TO_DEMOLISH);
        return update(o, req.version(), "status = 'DEMOLISHED', demolished_on = :d", "d", req.demolishedOn());
    }

    public OldHouseView reclaimed(UUID id, OriginDtos.Reclaimed req) {
        OldHouseView o = house(id);
        expect(o, HouseStatus.DEMOLISHED);
        if (req.reclaimedOn().isBefore(o.demolishedOn())) {
            throw DomainException.invalid("reclaimedOn", "before the house was demolished (" + o.demolishedOn() + ")");
        }
        Query q = em.createNativeQuery("""
                update old_house set status = 'RECLAIMED', reclaimed_on = ?1, reclaim_method = ?2, reclaimed_mu = ?3,
                  version = version + 1, updated_at = ?4 where id = ?5 and version = ?6""")
                .setParameter(1, req.reclaimedOn()).setParameter(2, req.method().name()).setParameter(3, req.areaMu())
                .setParameter(4, OffsetDateTime.now()).setParameter(5, id).setParameter(6, req.version());
        return applied(o, req.version(), q);
    }

    public OldHouseView retained(UUID id, OriginDtos.Retained req) {
        OldHouseView o = house(id);
        expect(o, HouseStatus.TO_DEMOLISH);
        Query q = em.createNativeQuery("""
                update old_house set status = 'RETAINED', retain_reason = ?1, sealed_on = ?2, version = version + 1, updated_at = ?3
                where id = ?4 and version = ?5""")
                .setParameter(1, req.reason().name()).setParameter(2, req.sealedOn()).setParameter(3, OffsetDateTime.now())
                .setParameter(4, id).setParameter(5, req.version());
        return applied(o, req.version(), q);
    }

    private static void expect(OldHouseView o, HouseStatus status) {
        if (o.status() != status) {
            throw DomainException.conflict("house-status", "the house is " + o.status().label() + " (" + o.status() + "), not "
                    + status.label());
        }
    }

    private OldHouseView update(OldHouseView o, long version, String set, String name, Object value) {
        Query q = em.createNativeQuery("update old_house set " + set.replace(":" + name, "?1")
                        + ", version = version + 1, updated_at = ?2 where id = ?3 and version = ?4")
                .setParameter(1, value).setParameter(2, OffsetDateTime.now()).setParameter(3, o.id()).setParameter(4, version);
        return applied(o, version, q);
    }

    private OldHouseView applied(OldHouseView o, long version, Query q) {
        if (q.executeUpdate() == 0) {
            throw DomainException.conflict("stale", "the house changed since version " + version + " (now " + o.version() + ")");
        }
        return house(o.id());
    }

    public record HouseFilter(UUID householdId, HouseStatus status, Boolean pending, String siteCode, String regionCode) {
    }

    private ListQuery houseQuery(HouseFilter f) {
        return ListQuery.scoped(scope.filter("o.region_code", "o.site_code"))
                .and("o.household_id = :h", "h", f.householdId())
                .and("o.status = :s", "s", f.status() == null ? null : f.status().name())
                .andIf(Boolean.TRUE.equals(f.pending()), "o.status in ('TO_DEMOLISH', 'DEMOLISHED')")
                .and("o.site_code = :site", "site", f.siteCode())
                .and("o.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<OldHouseView> houses(HouseFilter f, PageRequest page) {
        PageResult<OldHouseView> p = houseQuery(f).nativePage(em, HOUSE_COLUMNS, "old_house o", "o.region_code, o.household_no, o.id",
                page, OriginService::houseView);
        audit.list("old-house", p.items().stream().map(OldHouseView::householdId).distinct().toList(), false,
                "status=" + f.status() + ",pending=" + f.pending());
        return p;
    }

    /** Every old house in scope for the ledger (旧房拆除复垦台账), none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> houseLedger(HouseFilter f) {
        ListQuery q = houseQuery(f);
        Query rows = em.createNativeQuery("select " + HOUSE_COLUMNS + " from old_house o where " + q.where()
                + " order by o.region_code, o.household_no, o.id", Tuple.class);
        q.params().forEach(rows::setParameter);
        List<OldHouseView> all = ((List<Tuple>) rows.getResultList()).stream().map(OriginService::houseView).toList();
        audit.export("old-house", all.stream().map(OldHouseView::householdId).distinct().toList(), false,
                "status=" + f.status() + ",site=" + f.siteCode() + ",region=" + f.regionCode());
        return all.stream().map(v -> new Object[]{v.householdNo(), v.regionCode(), v.siteCode(), v.location(), v.floorAreaM2(),
                v.statusLabel(), str(v.demolishedOn()), str(v.reclaimedOn()), v.reclaimMethod() == null ? "" : v.reclaimMethod().label(),
                v.reclaimedMu(), v.retainReason() == null ? "" : v.retainReason().label(), str(v.sealedOn()), v.note()}).toList();
    }

    private static OldHouseView houseView(Tuple t) {
        HouseStatus s = HouseStatus.valueOf(t.get("status", String.class));
        String m = t.get("reclaim_method", String.class);
        String r = t.get("retain_reason", String.class);
        return new OldHouseView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("household_id", UUID.class),
                t.get("household_no", String.class), t.get("region_code", String.class), t.get("site_code", String.class),
                t.get("location", String.class), t.get("floor_area_m2", BigDecimal.class), s, s.label(),
                SqlValues.date(t.get("demolished_on")), SqlValues.date(t.get("reclaimed_on")),
                m == null ? null : ReclaimMethod.valueOf(m), t.get("reclaimed_mu", BigDecimal.class),
                r == null ? null : RetainReason.valueOf(r), SqlValues.date(t.get("sealed_on")), t.get("note", String.class),
                SqlValues.time(t.get("created_at")), t.get("created_by", String.class));
    }

    // ---- seasonal returns ---------------------------------------------------------------------------------------

    public SeasonalReturnView registerReturn(OriginDtos.NewSeasonalReturn req) {
        if (!req.toOn().isAfter(req.fromOn())) {
            throw DomainException.invalid("toOn", "must be after fromOn (" + req.fromOn() + ")");
        }
        if (req.toOn().isAfter(req.fromOn().plusYears(1))) {
            throw DomainException.invalid("toOn", "a season is at most a year; register the next one when it comes");
        }
        if (req.commitmentSignedOn().isAfter(req.fromOn())) {
            throw DomainException.invalid("commitmentSignedOn", "the commitment is signed before leaving (" + req.fromOn() + ")");
        }
        Household h = household(req.householdId());
        @SuppressWarnings("unchecked")
        List<Tuple> p = em.createNativeQuery("select name, status from registry_person where id = ?1 and household_id = ?2", Tuple.class)
                .setParameter(1, req.personId()).setParameter(2, h.id()).getResultList();
        if (p.isEmpty()) {
            throw DomainException.invalid("personId", "not a member of household " + h.no());
        }
        long overlapping = ((Number) em.createNativeQuery("""
                        select count(*) from seasonal_return where person_id = ?1 and status = 'REGISTERED'
                        and from_on <= ?2 and to_on >= ?3""")
                .setParameter(1, req.personId()).setParameter(2, req.toOn()).setParameter(3, req.fromOn()).getSingleResult()).longValue();
        if (overlapping > 0) {
            throw DomainException.conflict("overlapping-return", "this person already has a registered return in that period");
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into seasonal_return (id, household_id, household_no, region_code, site_code, person_id, person_name,
                          origin_location, activity, crop, from_on, to_on, commitment_signed_on, safe_housing, status, created_by,
                          created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'REGISTERED', ?15, ?16, ?16)""")
                .setParameter(1, id).setParameter(2, h.id()).setParameter(3, h.no()).setParameter(4, h.region())
                .setParameter(5, h.site()).setParameter(6, req.personId()).setParameter(7, p.get(0).get("name", String.class))
                .setParameter(8, req.originLocation().trim()).setParameter(9, req.activity().name()).setParameter(10, req.crop().trim())
                .setParameter(11, req.fromOn()).setParameter(12, req.toOn()).setParameter(13, req.commitmentSignedOn())
                .setParameter(14, req.safeHousing().trim()).setParameter(15, scope.actor()).setParameter(16, now).executeUpdate();
        return seasonalReturn(id);
    }

    private SeasonalReturnView seasonalReturn(UUID id) {
        List<SeasonalReturnView> r = ListQuery.where("s.id = :id").param("id", id).nativePage(em, RETURN_COLUMNS,
                "seasonal_return s", "s.id", new PageRequest(0, 1), OriginService::returnView).items();
        if (r.isEmpty() || !scope.allows(r.get(0).regionCode(), r.get(0).siteCode())) {
            throw DomainException.notFound("seasonal return", id);
        }
        return r.get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SeasonalReturnView getReturn(UUID id) {
        SeasonalReturnView v = seasonalReturn(id);
        audit.read("seasonal-return", v.householdId(), false);
        return v;
    }

    public SeasonalReturnView back(UUID id, OriginDtos.Back req) {
        SeasonalReturnView s = seasonalReturn(id);
        if (s.status() == ReturnStatus.BACK) {
            throw DomainException.conflict("already-back", "back at the site since " + s.backOn());
        }
        if (req.backOn().isBefore(s.fromOn())) {
            throw DomainException.invalid("backOn", "before the return began (" + s.fromOn() + ")");
        }
        int n = em.createNativeQuery("""
                        update seasonal_return set status = 'BACK', back_on = ?1, version = version + 1, updated_at = ?2
                        where id = ?3 and version = ?4 and status = 'REGISTERED'""")
                .setParameter(1, req.backOn()).setParameter(2, OffsetDateTime.now()).setParameter(3, id)
                .setParameter(4, req.version()).executeUpdate();
        if (n == 0) {
            throw DomainException.conflict("stale", "the return changed since version " + req.version() + " (now " + s.version() + ")");
        }
        return seasonalReturn(id);
    }

    /** {@code awayOn}: registered returns whose season covers that day and who are not back yet. */
    public record ReturnFilter(UUID householdId, ReturnStatus status, LocalDate awayOn, String siteCode, String regionCode) {
    }

    private ListQuery returnQuery(ReturnFilter f) {
        return ListQuery.scoped(scope.filter("s.region_code", "s.site_code"))
                .and("s.household_id = :h", "h", f.householdId())
                .and("s.status = :s", "s", f.status() == null ? null : f.status().name())
                .and("s.status = 'REGISTERED' and s.from_on <= :away and s.to_on >= :away", "away", f.awayOn())
                .and("s.site_code = :site", "site", f.siteCode())
                .and("s.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<SeasonalReturnView> returns(ReturnFilter f, PageRequest page) {
        PageResult<SeasonalReturnView> p = returnQuery(f).nativePage(em, RETURN_COLUMNS, "seasonal_return s",
                "s.region_code, s.household_no, s.from_on desc, s.id", page, OriginService::returnView);
        audit.list("seasonal-return", p.items().stream().map(SeasonalReturnView::householdId).distinct().toList(), false,
                "status=" + f.status() + ",awayOn=" + f.awayOn());
        return p;
    }

    /** Every registered return in scope for the ledger (季节性返乡登记备案台账), none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> returnLedger(ReturnFilter f) {
        ListQuery q = returnQuery(f);
        Query rows = em.createNativeQuery("select " + RETURN_COLUMNS + " from seasonal_return s where " + q.where()
                + " order by s.region_code, s.household_no, s.from_on desc, s.id", Tuple.class);
        q.params().forEach(rows::setParameter);
        List<SeasonalReturnView> all = ((List<Tuple>) rows.getResultList()).stream().map(OriginService::returnView).toList();
        audit.export("seasonal-return", all.stream().map(SeasonalReturnView::householdId).distinct().toList(), false,
                "status=" + f.status() + ",site=" + f.siteCode() + ",region=" + f.regionCode());
        return all.stream().map(v -> new Object[]{v.householdNo(), v.regionCode(), v.siteCode(), v.personName(), v.originLocation(),
                v.activityLabel(), v.crop(), str(v.fromOn()), str(v.toOn()), str(v.commitmentSignedOn()), v.safeHousing(),
                v.statusLabel(), str(v.backOn())}).toList();
    }

    private static SeasonalReturnView returnView(Tuple t) {
        Activity a = Activity.valueOf(t.get("activity", String.class));
        ReturnStatus s = ReturnStatus.valueOf(t.get("status", String.class));
        return new SeasonalReturnView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(),
                t.get("household_id", UUID.class), t.get("household_no", String.class), t.get("region_code", String.class),
                t.get("site_code", String.class), t.get("person_id", UUID.class), t.get("person_name", String.class),
                t.get("origin_location", String.class), a, a.label(), t.get("crop", String.class),
                SqlValues.date(t.get("from_on")), SqlValues.date(t.get("to_on")), SqlValues.date(t.get("commitment_signed_on")),
                t.get("safe_housing", String.class), s, s.label(), SqlValues.date(t.get("back_on")),
                SqlValues.time(t.get("created_at")), t.get("created_by", String.class));
    }

    private static String str(LocalDate d) {
        return d == null ? "" : d.toString();
    }
}
