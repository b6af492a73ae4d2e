package cn.resettle.community.property;

import static cn.resettle.common.web.SqlValues.date;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.property.PropertyDtos.BillRequest;
import cn.resettle.community.property.PropertyDtos.BillResult;
import cn.resettle.community.property.PropertyDtos.FeeStatus;
import cn.resettle.community.property.PropertyDtos.FeeView;
import cn.resettle.community.property.PropertyDtos.MaintenanceCategory;
import cn.resettle.community.property.PropertyDtos.MaintenanceDone;
import cn.resettle.community.property.PropertyDtos.MaintenanceRequest;
import cn.resettle.community.property.PropertyDtos.MaintenanceView;
import cn.resettle.community.property.PropertyDtos.PaymentRequest;
import cn.resettle.community.property.PropertyDtos.ReliefKind;
import cn.resettle.community.property.PropertyDtos.ReliefRequest;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Property fees 物业费 per household and month, relieved for households in difficulty (paid from the site's
 * asset-income distribution, whose PROPERTY_FEE_RELIEF use the relief names as its source), and the site's
 * facility-maintenance records (设施维护台账).
 */
@ApplicationScoped
@Transactional
public class PropertyService {

    static final String FEE_COLUMNS = "f.id, f.version, f.household_id, f.household_no, f.site_code, f.region_code, f.period, "
            + "f.amount_due, f.relief, f.relief_kind, f.relief_reason, f.relief_source, f.relief_by, f.paid, f.last_paid_on";
    static final String MAINTENANCE_COLUMNS = "m.id, m.version, m.site_code, m.region_code, m.facility, m.category, m.description, "
            + "m.reported_on, m.contractor, m.status, m.done_on, m.result, m.cost, m.created_by, m.closed_by";

    @Inject
    EntityManager em;
    @Inject
    SiteService sites;
    @Inject
    DataScope scope;

    // ---- fees

    public BillResult bill(BillRequest req) {
        Site site = sites.visible(req.siteId());
        OffsetDateTime now = OffsetDateTime.now();
        int billed = em.createNativeQuery("""
                        insert into property_fee (id, version, household_id, household_no, site_code, region_code, period, amount_due,
                          billed_by, created_at, updated_at)
                        select gen_random_uuid(), 0, h.id, h.household_no, h.site_code, h.region_code, ?1, ?2, ?3, ?4, ?4
                        from household h where h.site_id = ?5 and h.status = 'ACTIVE'
                        on conflict (household_id, period) do nothing""")
                .setParameter(1, req.period()).setParameter(2, req.monthlyFee()).setParameter(3, scope.actor())
                .setParameter(4, now).setParameter(5, site.id).executeUpdate();
        long all = ((Number) em.createNativeQuery("select count(*) from household h where h.site_id = ?1 and h.status = 'ACTIVE'")
                .setParameter(1, site.id).getSingleResult()).longValue();
        return new BillResult(site.code, req.period(), billed, (int) all - billed);
    }

    /**
     * Relief for a household in difficulty: at most what is still outstanding (422 relief-exceeds-due), once per bill
     * (422 already-relieved); a MONITORING_SUBJECT relief only for a household monitoring identified (422
     * not-in-difficulty).
     */
    public FeeView relieve(UUID id, ReliefRequest req) {
        FeeView f = fee(id);
        if (f.version() != req.version()) {
            throw stale("fee");
        }
        if (f.relief().signum() > 0) {
            throw DomainException.unprocessable("already-relieved", "this month's fee was already relieved by " + f.reliefBy());
        }
        if (req.kind() == ReliefKind.MONITORING_SUBJECT) {
            long subject = ((Number) em.createNativeQuery("select count(*) from monitoring_subject where household_id = ?1")
                    .setParameter(1, f.householdId()).getSingleResult()).longValue();
            if (subject == 0) {
                throw DomainException.unprocessable("not-in-difficulty", "household " + f.householdNo()
                        + " is not a monitoring subject; name the difficulty it is in (kind)");
            }
        }
        if (req.amount().compareTo(f.outstanding()) > 0) {
            throw DomainException.unprocessable("relief-exceeds-due", "relief " + req.amount() + " is more than the "
                    + f.outstanding() + " still outstanding");
        }
        int updated = em.createNativeQuery("update property_fee set relief = ?1, relief_kind = ?2, relief_reason = ?3, relief_source = ?4, "
                        + "relief_by = ?5, updated_at = ?6, version = version + 1 where id = ?7 and version = ?8")
                .setParameter(1, req.amount()).setParameter(2, req.kind().name()).setParameter(3, req.reason())
                .setParameter(4, req.source()).setParameter(5, scope.actor()).setParameter(6, OffsetDateTime.now())
                .setParameter(7, id).setParameter(8, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("fee");
        }
        return fee(id);
    }

    public FeeView pay(UUID id, PaymentRequest req) {
        FeeView f = fee(id);
        if (f.version() != req.version()) {
            throw stale("fee");
        }
        if (req.amount().compareTo(f.outstanding()) > 0) {
            throw DomainException.unprocessable("overpaid", "payment " + req.amount() + " is more than the " + f.outstanding()
                    + " outstanding");
        }
        int updated = em.createNativeQuery("update property_fee set paid = paid + ?1, last_paid_on = greatest(coalesce(last_paid_on, ?2), ?2), "
                        + "updated_at = ?3, version = version + 1 where id = ?4 and version = ?5")
                .setParameter(1, req.amount()).setParameter(2, req.paidOn()).setParameter(3, OffsetDateTime.now())
                .setParameter(4, id).setParameter(5, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("fee");
        }
        return fee(id);
    }

    public record FeeFilter(String siteCode, String regionCode, String period, UUID householdId, FeeStatus status, Boolean relieved) {
    }

    /** Only the resident role: their own household's bills. */
    boolean residentOnly() {
        return scope.hasRole(Roles.RESIDENT) && !scope.hasRole(Roles.COUNTY_ADMIN) && !scope.hasRole(Roles.TOWNSHIP_OFFICIAL)
                && !scope.hasRole(Roles.SITE_WORKER) && !scope.hasRole(Roles.CIVIL_AFFAIRS_OFFICER);
    }

    ListQuery feeQuery(FeeFilter f) {
        ListQuery q = residentOnly()
                ? ListQuery.where("f.household_no = :own").param("own", scope.householdNo() == null ? "" : scope.householdNo())
                : ListQuery.scoped(scope.filter("f.region_code", "f.site_code"));
        q.and("f.site_code = :site", "site", f.siteCode())
                .and("f.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("f.period = :period", "period", f.period())
                .and("f.household_id = :household", "household", f.householdId());
        if (f.status() != null) {
            q.and(switch (f.status()) {
                case PAID -> "f.relief + f.paid >= f.amount_due";
                case PARTIAL -> "f.paid > 0 and f.relief + f.paid < f.amount_due";
                case UNPAID -> "f.paid = 0 and f.relief < f.amount_due";
            });
        }
        if (f.relieved() != null) {
            q.and(f.relieved() ? "f.relief > 0" : "f.relief = 0");
        }
        return q;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<FeeView> fees(FeeFilter f, PageRequest page) {
        return feeQuery(f).nativePage(em, FEE_COLUMNS, "property_fee f", "f.period desc, f.region_code, f.site_code, f.household_no, f.id",
                page, PropertyService::feeView);
    }

    FeeView fee(UUID id) {
        List<FeeView> found = ListQuery.scoped(scope.filter("f.region_code", "f.site_code")).and("f.id = :id", "id", id)
                .nativePage(em, FEE_COLUMNS, "property_fee f", "f.id", new PageRequest(0, 1), PropertyService::feeView).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("property fee", id);
        }
        return found.get(0);
    }

    static FeeView feeView(Tuple t) {
        BigDecimal due = (BigDecimal) t.get("amount_due");
        BigDecimal relief = (BigDecimal) t.get("relief");
        BigDecimal paid = (BigDecimal) t.get("paid");
        BigDecimal outstanding = due.subtract(relief).subtract(paid);
        FeeStatus status = outstanding.signum() <= 0 ? FeeStatus.PAID : paid.signum() > 0 ? FeeStatus.PARTIAL : FeeStatus.UNPAID;
        String kind = t.get("relief_kind", String.class);
        return new FeeView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("household_id", UUID.class),
                t.get("household_no", String.class), t.get("site_code", String.class), t.get("region_code", String.class),
                t.get("period", String.class), due, relief, kind == null ? null : ReliefKind.valueOf(kind),
                t.get("relief_reason", String.class), t.get("relief_source", String.class), t.get("relief_by", String.class),
                paid, outstanding, status, date(t.get("last_paid_on")));
    }

    // ---- facility maintenance

    public MaintenanceView report(MaintenanceRequest req) {
        Site site = sites.visible(req.siteId());
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into facility_maintenance (id, version, site_id, site_code, region_code, facility, category, description,
                          reported_on, contractor, status, created_by, created_at, updated_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'OPEN', ?10, ?11, ?11)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.facility()).setParameter(6, req.category().name()).setParameter(7, req.description())
                .setParameter(8, req.reportedOn()).setParameter(9, req.contractor()).setParameter(10, scope.actor())
                .setParameter(11, now).executeUpdate();
        return maintenance(id);
    }

    public MaintenanceView done(UUID id, MaintenanceDone req) {
        MaintenanceView m = maintenance(id);
        if (m.version() != req.version()) {
            throw stale("maintenance record");
        }
        if ("DONE".equals(m.status())) {
            throw DomainException.unprocessable("maintenance-done", "the repair was recorded done on " + m.doneOn());
        }
        if (req.doneOn().isBefore(m.reportedOn())) {
            throw DomainException.invalid("doneOn", "before the fault was reported");
        }
        int updated = em.createNativeQuery("update facility_maintenance set status = 'DONE', done_on = ?1, result = ?2, cost = ?3, "
                        + "closed_by = ?4, updated_at = ?5, version = version + 1 where id = ?6 and version = ?7 and status = 'OPEN'")
                .setParameter(1, req.doneOn()).setParameter(2, req.result()).setParameter(3, req.cost())
                .setParameter(4, scope.actor()).setParameter(5, OffsetDateTime.now()).setParameter(6, id)
                .setParameter(7, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("maintenance record");
        }
        return maintenance(id);
    }

    public record MaintenanceFilter(String siteCode, String regionCode, String status, MaintenanceCategory category,
                                    LocalDate from, LocalDate to) {
    }

    ListQuery maintenanceQuery(MaintenanceFilter f) {
        return ListQuery.scoped(scope.filter("m.region_code", "m.site_code"))
                .and("m.site_code = :site", "site", f.siteCode())
                .and("m.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("m.status = :status", "status", f.status())
                .and("m.category = :category", "category", f.category() == null ? null : f.category().name())
                .and("m.reported_on >= :from", "from", f.from())
                .and("m.reported_on <= :to", "to", f.to());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<MaintenanceView> maintenanceList(MaintenanceFilter f, PageRequest page) {
        return maintenanceQuery(f).nativePage(em, MAINTENANCE_COLUMNS, "facility_maintenance m",
                "m.reported_on desc, m.id", page, PropertyService::maintenanceView);
    }

    MaintenanceView maintenance(UUID id) {
        List<MaintenanceView> found = ListQuery.scoped(scope.filter("m.region_code", "m.site_code")).and("m.id = :id", "id", id)
                .nativePage(em, MAINTENANCE_COLUMNS, "facility_maintenance m", "m.id", new PageRequest(0, 1),
                        PropertyService::maintenanceView).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("maintenance record", id);
        }
        return found.get(0);
    }

    static MaintenanceView maintenanceView(Tuple t) {
        return new MaintenanceView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("site_code", String.class),
                t.get("region_code", String.class), t.get("facility", String.class),
                MaintenanceCategory.valueOf(t.get("category", String.class)), t.get("description", String.class),
                date(t.get("reported_on")), t.get("contractor", String.class), t.get("status", String.class),
                date(t.get("done_on")), t.get("result", String.class), (BigDecimal) t.get("cost"),
                t.get("created_by", String.class), t.get("closed_by", String.class));
    }

    static DomainException stale(String what) {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the " + what + " was changed by someone else since you read it; reload it");
    }
}
