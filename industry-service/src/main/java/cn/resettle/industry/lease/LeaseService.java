package cn.resettle.industry.lease;

import cn.resettle.common.events.IndustryEvents.IncomePaid;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.industry.lease.LeaseDtos.AssetType;
import cn.resettle.industry.lease.LeaseDtos.LeaseView;
import cn.resettle.industry.lease.LeaseDtos.RentView;
import cn.resettle.industry.lease.LeaseDtos.Status;
import cn.resettle.industry.link.LinkDtos;
import cn.resettle.industry.link.LinkService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Land and houses of the origin place leased out (土地/房屋流转): the lease (a LEASE link of the household, completing
 * its industry-link tasks) and the rent paid each year, published as {@link IncomePaid} kind RENT through the outbox
 * in the same transaction, so monitoring keeps it as the household's income evidence.
 */
@ApplicationScoped
@Transactional
public class LeaseService {

    private static final String COLUMNS = """
            l.id, l.version, l.household_id, l.household_no, l.region_code, l.site_code, l.asset_type, l.location, l.area_mu,
            l.lessee, l.purpose, l.contract_no, l.annual_rent, l.start_on, l.end_on, l.status, l.terminated_on, l.termination_reason, l.link_id,
            l.created_at, l.created_by, (select coalesce(sum(r.amount), 0) from lease_rent r where r.lease_id = l.id) as rent_paid""";

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    LinkService links;
    @Inject
    Outbox outbox;
    @Inject
    PersonalDataAudit audit;

    public LeaseView create(LeaseDtos.NewLease req) {
        if (!req.endOn().isAfter(req.startOn())) {
            throw DomainException.invalid("endOn", "the term must end after it starts (" + req.startOn() + ")");
        }
        if (req.startOn().isAfter(java.time.LocalDate.now().plusYears(1))) {
            throw DomainException.invalid("startOn", "more than a year ahead");
        }
        String lessee = req.lessee().trim();
        // the link checks the household (registry copy, caller's scope, active) and completes its industry-link tasks
        LinkDtos.LinkView link = links.record(new LinkDtos.NewLink(req.householdId(), LinkDtos.Kind.LEASE, null, null,
                lessee + " · " + req.assetType().label(), null,
                req.startOn().isAfter(java.time.LocalDate.now()) ? java.time.LocalDate.now() : req.startOn(),
                req.annualRent(), req.contractNo()));
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into land_lease (id, household_id, household_no, region_code, site_code, asset_type, location, area_mu,
                          lessee, purpose, contract_no, annual_rent, start_on, end_on, status, link_id, created_by, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'ACTIVE', ?15, ?16, ?17, ?17)""")
                .setParameter(1, id).setParameter(2, link.householdId()).setParameter(3, link.householdNo())
                .setParameter(4, link.regionCode()).setParameter(5, link.siteCode()).setParameter(6, req.assetType().name())
                .setParameter(7, req.location().trim()).setParameter(8, req.areaMu()).setParameter(9, lessee)
                .setParameter(10, req.purpose().trim()).setParameter(11, req.contractNo()).setParameter(12, req.annualRent())
                .setParameter(13, req.startOn()).setParameter(14, req.endOn()).setParameter(15, link.id())
                .setParameter(16, scope.actor()).setParameter(17, now).executeUpdate();
        return row(id);
    }

    private LeaseView row(UUID id) {
        return ListQuery.where("l.id = :id").param("id", id).nativePage(em, COLUMNS, "land_lease l", "l.id", new PageRequest(0, 1),
                LeaseService::view).items().get(0);
    }

    LeaseView visible(UUID id) {
        List<LeaseView> r = ListQuery.where("l.id = :id").param("id", id).nativePage(em, COLUMNS, "land_lease l", "l.id",
                new PageRequest(0, 1), LeaseService::view).items();
        if (r.isEmpty() || !scope.allows(r.get(0).regionCode(), r.get(0).siteCode())) {
            throw DomainException.notFound("lease", id);
        }
        return r.get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LeaseView get(UUID id) {
        LeaseView v = visible(id);
        audit.read("land-lease", v.householdId(), false);
        return v;
    }

    public record Filter(UUID householdId, AssetType assetType, Status status, String siteCode, String regionCode,
                         Integer unpaidYear) {
    }

    private ListQuery query(Filter f) {
        return ListQuery.scoped(scope.filter("l.region_code", "l.site_code"))
                .and("l.household_id = :h", "h", f.householdId())
                .and("l.asset_type = :t", "t", f.assetType() == null ? null : f.assetType().name())
                .and("l.status = :s", "s", f.status() == null ? null : f.status().name())
                .and("l.site_code = :site", "site", f.siteCode())
                .and("l.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("l.status = 'ACTIVE' and extract(year from l.start_on) <= :uy and extract(year from l.end_on) >= :uy "
                        + "and not exists (select 1 from lease_rent r where r.lease_id = l.id and r.year = :uy)", "uy", f.unpaidYear());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<LeaseView> list(Filter f, PageRequest page) {
        PageResult<LeaseView> p = query(f).nativePage(em, COLUMNS, "land_lease l", "l.region_code, l.household_no, l.id", page,
                LeaseService::view);
        audit.list("land-lease", p.items().stream().map(LeaseView::householdId).distinct().toList(), false,
                "household=" + f.householdId() + ",unpaidYear=" + f.unpaidYear());
        return p;
    }

    public LeaseView terminate(UUID id, LeaseDtos.Terminate req) {
        LeaseView l = visible(id);
        if (l.status() == Status.TERMINATED) {
            throw DomainException.conflict("terminated", "the lease was terminated on " + l.terminatedOn());
        }
        if (req.terminatedOn().isBefore(l.startOn())) {
            throw DomainException.invalid("terminatedOn", "before the lease started (" + l.startOn() + ")");
        }
        if (req.terminatedOn().isAfter(l.endOn())) {
            throw DomainException.invalid("terminatedOn", "after the lease ended (" + l.endOn() + "): it ran its term, nothing to terminate");
        }
        int n = em.createNativeQuery("""
                        update land_lease set status = 'TERMINATED', terminated_on = ?1, termination_reason = ?5, version = version + 1,
                          updated_at = ?2 where id = ?3 and version = ?4 and status = 'ACTIVE'""")
                .setParameter(1, req.terminatedOn()).setParameter(2, OffsetDateTime.now()).setParameter(3, id)
                .setParameter(4, req.version()).setParameter(5, req.reason().trim()).executeUpdate();
        if (n == 0) {
            throw DomainException.conflict("stale", "the lease changed since version " + req.version() + " (now " + l.version() + ")");
        }
        em.createNativeQuery("update household_link set until = ?1 where id = ?2 and until is null")
                .setParameter(1, req.terminatedOn()).setParameter(2, l.linkId()).executeUpdate();
        return row(id);
    }

    public RentView payRent(UUID id, LeaseDtos.NewRent req) {
        LeaseView l = visible(id);
        if (req.year() < l.startOn().getYear() || req.year() > l.endOn().getYear()) {
            throw DomainException.invalid("year", "outside the lease's term " + l.startOn() + " – " + l.endOn());
        }
        if (l.status() == Status.TERMINATED && req.year() > l.terminatedOn().getYear()) {
            throw DomainException.conflict("terminated", "the lease was terminated on " + l.terminatedOn());
        }
        if (req.paidOn().isBefore(l.startOn())) {
            throw DomainException.invalid("paidOn", "before the lease started (" + l.startOn() + ")");
        }
        long paid = ((Number) em.createNativeQuery("select count(*) from lease_rent where lease_id = ?1 and year = ?2")
                .setParameter(1, id).setParameter(2, req.year()).getSingleResult()).longValue();
        if (paid > 0) {
            throw DomainException.conflict("rent-paid", "the rent of " + req.year() + " was already paid");
        }
        UUID rentId = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into lease_rent (id, lease_id, year, amount, paid_on, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, rentId).setParameter(2, id).setParameter(3, req.year()).setParameter(4, req.amount())
                .setParameter(5, req.paidOn()).setParameter(6, scope.actor()).setParameter(7, OffsetDateTime.now()).executeUpdate();
        outbox.publish(Topics.INDUSTRY, l.householdId(), new IncomePaid(l.householdId(), l.householdNo(), l.regionCode(),
                l.siteCode(), "RENT", req.amount(), req.paidOn(), req.year(), rentId));
        return new RentView(rentId, id, req.year(), req.amount(), req.paidOn(), scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<RentView> rents(UUID id, PageRequest page) {
        visible(id);
        return ListQuery.where("r.lease_id = :l").param("l", id).nativePage(em,
                "r.id, r.lease_id, r.year, r.amount, r.paid_on, r.recorded_by", "lease_rent r", "r.year desc, r.id", page,
                t -> new RentView(t.get("id", UUID.class), t.get("lease_id", UUID.class), ((Number) t.get("year")).intValue(),
                        t.get("amount", BigDecimal.class), SqlValues.date(t.get("paid_on")), t.get("recorded_by", String.class)));
    }

    /** Rows of the lease ledger (土地/房屋流转台账) in scope with the year's rent, none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> ledger(Filter f, int year) {
        ListQuery q = query(f).param("ly", year);
        Query rows = em.createNativeQuery("select " + COLUMNS
                + ", (select r.amount from lease_rent r where r.lease_id = l.id and r.year = :ly) as year_rent, "
                + "(select r.paid_on from lease_rent r where r.lease_id = l.id and r.year = :ly) as year_paid_on "
                + "from land_lease l where " + q.where() + " order by l.region_code, l.household_no, l.id", Tuple.class);
        q.params().forEach(rows::setParameter);
        List<Tuple> result = rows.getResultList();
        audit.export("land-lease", result.stream().map(t -> t.get("household_id", UUID.class)).distinct().toList(), false,
                "year=" + year + ",site=" + f.siteCode() + ",region=" + f.regionCode());
        return result.stream().map(t -> {
            LeaseView v = view(t);
            return new Object[]{v.householdNo(), v.regionCode(), v.siteCode(), v.assetTypeLabel(), v.location(), v.areaMu(),
                    v.lessee(), v.purpose(), v.contractNo(), v.annualRent(), String.valueOf(v.startOn()), String.valueOf(v.endOn()),
                    v.statusLabel(), t.get("year_rent"), SqlValues.str(t.get("year_paid_on")), v.rentPaid(),
                    v.terminatedOn() == null ? null : v.terminatedOn().toString(), v.terminationReason()};
        }).toList();
    }

    private static LeaseView view(Tuple t) {
        AssetType a = AssetType.valueOf(t.get("asset_type", String.class));
        Status s = Status.valueOf(t.get("status", String.class));
        return new LeaseView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("household_id", UUID.class),
                t.get("household_no", String.class), t.get("region_code", String.class), t.get("site_code", String.class), a,
                a.label(), t.get("location", String.class), t.get("area_mu", BigDecimal.class), t.get("lessee", String.class),
                t.get("purpose", String.class), t.get("contract_no", String.class), t.get("annual_rent", BigDecimal.class),
                SqlValues.date(t.get("start_on")), SqlValues.date(t.get("end_on")), s, s.label(),
                SqlValues.date(t.get("terminated_on")), t.get("termination_reason", String.class), new BigDecimal(t.get("rent_paid").toString()), t.get("link_id", UUID.class),
                SqlValues.time(t.get("created_at")), t.get("created_by", String.class));
    }
}
