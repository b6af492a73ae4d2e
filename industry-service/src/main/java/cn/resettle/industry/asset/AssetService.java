package cn.resettle.industry.asset;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.industry.asset.AssetDtos.AssetView;
import cn.resettle.industry.asset.AssetDtos.ChangeView;
import cn.resettle.industry.asset.AssetDtos.MaintenanceDue;
import cn.resettle.industry.asset.AssetDtos.MaintenanceView;
import cn.resettle.industry.asset.AssetEnums.ChangeKind;
import cn.resettle.industry.asset.AssetEnums.ChangeStatus;
import cn.resettle.industry.workshop.WorkshopService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Poverty-alleviation project assets (扶贫项目资产): registration with ownership, kind, value, funding and custodian;
 * maintenance and its due dates; depreciation as of a date; changes and disposal, applied only when someone other
 * than the proposer approves them (four eyes).
 */
@ApplicationScoped
@Transactional
public class AssetService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    WorkshopService sites;

    public AssetView create(AssetDtos.NewAsset req) {
        WorkshopService.Site s = sites.site(req.siteCode());
        ProjectAsset a = new ProjectAsset();
        a.id = UUID.randomUUID();
        a.assetNo = req.assetNo();
        a.name = req.name().trim();
        a.kind = req.kind();
        a.category = req.category();
        a.siteCode = s.code();
        a.regionCode = s.townshipCode();
        a.owner = req.owner().trim();
        a.ownershipCertified = req.ownershipCertified();
        a.value = req.value();
        a.fundingSource = req.fundingSource();
        a.completedOn = req.completedOn();
        a.usefulLifeYears = req.usefulLifeYears();
        a.residualRate = req.residualRate() == null ? new BigDecimal("0.05") : req.residualRate();
        a.custodian = req.custodian().trim();
        a.maintenanceFund = req.maintenanceFund();
        a.maintenanceEveryMonths = req.maintenanceEveryMonths();
        a.status = AssetEnums.Status.IN_USE;
        a.createdBy = scope.actor();
        a.createdAt = a.updatedAt = OffsetDateTime.now();
        Long taken = em.createQuery("select count(a) from ProjectAsset a where a.assetNo = :no", Long.class)
                .setParameter("no", a.assetNo).getSingleResult();
        if (taken > 0) {
            throw new DomainException(409, "duplicate", "冲突 Conflict", "assetNo: an asset with this number is registered",
                    List.of(new cn.resettle.common.problem.Problem.Violation("assetNo", "already registered")));
        }
        em.persist(a);
        em.flush();
        return view(a, LocalDate.now());
    }

    public ProjectAsset visible(UUID id) {
        ProjectAsset a = em.find(ProjectAsset.class, id);
        if (a == null || !scope.allows(a.regionCode, a.siteCode)) {
            throw DomainException.notFound("asset", id);
        }
        return a;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AssetView get(UUID id, LocalDate asOf) {
        return view(visible(id), asOf);
    }

    public record Filter(String siteCode, String regionCode, AssetEnums.Kind kind, AssetEnums.Status status,
                         AssetEnums.FundingSource fundingSource) {
    }

    private ListQuery query(Filter f) {
        return ListQuery.scoped(scope.filter("a.regionCode", "a.siteCode"))
                .and("a.siteCode = :site", "site", f.siteCode())
                .and("a.regionCode like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("a.kind = :kind", "kind", f.kind())
                .and("a.status = :status", "status", f.status())
                .and("a.fundingSource = :fund", "fund", f.fundingSource());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<AssetView> list(Filter f, LocalDate asOf, PageRequest page) {
        return query(f).page(em, ProjectAsset.class, "ProjectAsset a", "a.regionCode, a.siteCode, a.assetNo", page)
                .map(a -> view(a, asOf));
    }

    /** Every asset of the filter for the ledger (no page: the ledger holds them all). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectAsset> all(Filter f) {
        ListQuery q = query(f);
        var rows = em.createQuery("select a from ProjectAsset a where " + q.where() + " order by a.regionCode, a.siteCode, a.assetNo",
                ProjectAsset.class);
        q.params().forEach(rows::setParameter);
        return rows.getResultList();
    }

    public MaintenanceView maintain(UUID id, AssetDtos.NewMaintenance req) {
        ProjectAsset a = visible(id);
        if (a.status == AssetEnums.Status.DISPOSED) {
            throw DomainException.conflict("asset-disposed", "the asset was disposed of");
        }
        if (req.maintainedOn().isBefore(a.completedOn)) {
            throw DomainException.invalid("maintainedOn", "before the asset was completed (" + a.completedOn + ")");
        }
        if (req.cost().compareTo(a.maintenanceFund) > 0) {
            throw DomainException.unprocessable("maintenance-fund-short",
                    "the cost " + req.cost() + " exceeds the maintenance fund left (" + a.maintenanceFund + ")");
        }
        UUID mid = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into asset_maintenance (id, asset_id, maintained_on, cost, note, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, mid).setParameter(2, id).setParameter(3, req.maintainedOn()).setParameter(4, req.cost())
                .setParameter(5, req.note()).setParameter(6, scope.actor()).setParameter(7, OffsetDateTime.now()).executeUpdate();
        a.maintenanceFund = a.maintenanceFund.subtract(req.cost());
        if (a.lastMaintainedOn == null || req.maintainedOn().isAfter(a.lastMaintainedOn)) {
            a.lastMaintainedOn = req.maintainedOn();
        }
        a.updatedAt = OffsetDateTime.now();
        return new MaintenanceView(mid, id, req.maintainedOn(), req.cost(), req.note(), scope.actor(), a.maintenanceFund);
    }

    /** Assets (not disposed) whose maintenance falls due by {@code asOf + withinDays}; overdue ones first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<MaintenanceDue> maintenanceDue(LocalDate asOf, int withinDays, String siteCode, String regionCode,
                                                     boolean overdueOnly, PageRequest page) {
        String due = "(coalesce(a.last_maintained_on, a.completed_on) + make_interval(months => a.maintenance_every_months))::date";
        LocalDate until = overdueOnly ? asOf.minusDays(1) : asOf.plusDays(withinDays);
        return ListQuery.scoped(scope.filter("a.region_code", "a.site_code"))
                .and("a.status <> 'DISPOSED'")
                .and(due + " <= :until").param("until", until)
                .and("a.site_code = :site", "site", siteCode)
                .and("a.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .nativePage(em, "a.id, a.asset_no, a.name, a.site_code, a.region_code, a.custodian, a.last_maintained_on, "
                                + due + " as due_on", "project_asset a", "due_on, a.asset_no", page, t -> {
                            LocalDate d = SqlValues.date(t.get("due_on"));
                            long late = Math.max(0, ChronoUnit.DAYS.between(d, asOf));
                            return new MaintenanceDue(t.get("id", UUID.class), t.get("asset_no", String.class),
                                    t.get("name", String.class), t.get("site_code", String.class),
                                    t.get("region_code", String.class), t.get("custodian", String.class),
                                    SqlValues.date(t.get("last_maintained_on")), d, d.isBefore(asOf), late);
                        });
    }

    // ---------------------------------------------------------------- changes with approval

    public ChangeView propose(UUID assetId, AssetDtos.NewChange req) {
        ProjectAsset a = visible(assetId);
        if (a.status == AssetEnums.Status.DISPOSED) {
            throw DomainException.conflict("asset-disposed", "the asset was disposed of; it takes no more changes");
        }
        switch (req.kind()) {
            case REVALUE -> require(req.newValue() != null, "newValue");
            case CUSTODIAN -> require(req.newCustodian() != null && !req.newCustodian().isBlank(), "newCustodian");
            case OWNERSHIP -> require(req.newOwner() != null && !req.newOwner().isBlank(), "newOwner");
            case STATUS -> {
                require(req.newStatus() != null, "newStatus");
                if (req.newStatus() == AssetEnums.Status.DISPOSED) {
                    throw DomainException.invalid("newStatus", "disposal is its own change (kind DISPOSAL)");
                }
            }
            case DISPOSAL -> {
            }
        }
        Long pending = ((Number) em.createNativeQuery("select count(*) from asset_change where asset_id = ?1 and status = 'PENDING'")
                .setParameter(1, assetId).getSingleResult()).longValue();
        if (pending > 0) {
            throw DomainException.conflict("change-pending", "a change of this asset is waiting for approval; decide it first");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into asset_change (id, asset_id, kind, new_value, new_custodian, new_owner, new_status, reason,
                          status, proposed_by, proposed_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'PENDING', ?9, ?10)""")
                .setParameter(1, id).setParameter(2, assetId).setParameter(3, req.kind().name())
                .setParameter(4, req.kind() == ChangeKind.REVALUE ? req.newValue() : null)
                .setParameter(5, req.kind() == ChangeKind.CUSTODIAN ? req.newCustodian().trim() : null)
                .setParameter(6, req.kind() == ChangeKind.OWNERSHIP ? req.newOwner().trim() : null)
                .setParameter(7, req.kind() == ChangeKind.STATUS ? req.newStatus().name()
                        : req.kind() == ChangeKind.DISPOSAL ? AssetEnums.Status.DISPOSED.name() : null)
                .setParameter(8, req.reason()).setParameter(9, scope.actor()).setParameter(10, OffsetDateTime.now())
                .executeUpdate();
        return change(id);
    }

    private static void require(boolean ok, String field) {
        if (!ok) {
            throw DomainException.invalid(field, "required for this kind of change");
        }
    }

    /** Approve: someone other than the proposer; the change is applied to the asset in the same transaction. */
    public ChangeView approve(UUID changeId, AssetDtos.Decision req) {
        ChangeView c = decidable(changeId, req.version());
        ProjectAsset a = visible(c.assetId());
        switch (c.kind()) {
            case REVALUE -> a.value = c.newValue();
            case CUSTODIAN -> a.custodian = c.newCustodian();
            case OWNERSHIP -> {
                a.owner = c.newOwner();
                a.ownershipCertified = true;
            }
            case STATUS, DISPOSAL -> a.status = c.newStatus();
        }
        a.updatedAt = OffsetDateTime.now();
        decide(changeId, ChangeStatus.APPROVED, req.note());
        return change(changeId);
    }

    public ChangeView reject(UUID changeId, AssetDtos.Decision req) {
        decidable(changeId, req.version());
        if (req.note() == null || req.note().isBlank()) {
            throw DomainException.invalid("note", "say why the change is rejected");
        }
        decide(changeId, ChangeStatus.REJECTED, req.note());
        return change(changeId);
    }

    private ChangeView decidable(UUID changeId, long version) {
        ChangeView c = change(changeId);
        visible(c.assetId());
        if (c.version() != version) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                    "the change was modified since you read it; reload it");
        }
        if (c.status() != ChangeStatus.PENDING) {
            throw DomainException.conflict("change-decided", "the change was already " + c.status());
        }
        if (c.proposedBy().equals(scope.actor())) {
            throw DomainException.unprocessable("same-person", "审批人不能是申请人: the change must be approved by someone other than its proposer");
        }
        return c;
    }

    private void decide(UUID changeId, ChangeStatus status, String note) {
        int decided = em.createNativeQuery("""
                        update asset_change set status = ?1, decided_by = ?2, decided_at = ?3, decision_note = ?4,
                          version = version + 1 where id = ?5 and status = 'PENDING'""")
                .setParameter(1, status.name()).setParameter(2, scope.actor()).setParameter(3, OffsetDateTime.now())
                .setParameter(4, note).setParameter(5, changeId).executeUpdate();
        if (decided == 0) {
            // another approver decided it between our read and this write: one decision stands
            throw DomainException.conflict("change-decided", "the change was decided meanwhile; read it again");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ChangeView change(UUID id) {
        PageResult<ChangeView> p = changes(ListQuery.where("c.id = :id").param("id", id), new PageRequest(0, 1));
        if (p.items().isEmpty()) {
            throw DomainException.notFound("asset change", id);
        }
        ChangeView c = p.items().get(0);
        visibleOr404(c);
        return c;
    }

    private void visibleOr404(ChangeView c) {
        ProjectAsset a = em.find(ProjectAsset.class, c.assetId());
        if (a == null || !scope.allows(a.regionCode, a.siteCode)) {
            throw DomainException.notFound("asset change", c.id());
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ChangeView> changesOf(UUID assetId, PageRequest page) {
        visible(assetId);
        return changes(ListQuery.where("c.asset_id = :a").param("a", assetId), page);
    }

    /** Changes waiting for approval in the caller's scope, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ChangeView> pending(PageRequest page) {
        return changes(ListQuery.scoped(scope.filter("a.region_code", "a.site_code")).and("c.status = 'PENDING'"), page);
    }

    private PageResult<ChangeView> changes(ListQuery q, PageRequest page) {
        return q.nativePage(em, """
                        c.id, c.version, c.asset_id, a.asset_no, c.kind, c.new_value, c.new_custodian, c.new_owner, c.new_status,
                        c.reason, c.status, c.proposed_by, c.proposed_at, c.decided_by, c.decided_at, c.decision_note""",
                "asset_change c join project_asset a on a.id = c.asset_id", "c.proposed_at, c.id", page, t -> {
                    ChangeKind k = ChangeKind.valueOf(t.get("kind", String.class));
                    ChangeStatus s = ChangeStatus.valueOf(t.get("status", String.class));
                    String ns = t.get("new_status", String.class);
                    return new ChangeView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(),
                            t.get("asset_id", UUID.class), t.get("asset_no", String.class), k, k.label(),
                            t.get("new_value", BigDecimal.class), t.get("new_custodian", String.class),
                            t.get("new_owner", String.class), ns == null ? null : AssetEnums.Status.valueOf(ns),
                            t.get("reason", String.class), s, s.label(), t.get("proposed_by", String.class),
                            SqlValues.time(t.get("proposed_at")), t.get("decided_by", String.class),
                            SqlValues.time(t.get("decided_at")), t.get("decision_note", String.class));
                });
    }

    static AssetView view(ProjectAsset a, LocalDate asOf) {
        LocalDate due = a.maintenanceDue();
        return new AssetView(a.id, a.version, a.assetNo, a.name, a.kind, a.kind.label(), a.category, a.category.label(),
                a.siteCode, a.regionCode, a.owner, a.ownershipCertified, a.value, a.fundingSource, a.fundingSource.label(),
                a.completedOn, a.usefulLifeYears, a.residualRate, a.custodian, a.maintenanceFund, a.maintenanceEveryMonths,
                a.lastMaintainedOn, due, a.status != AssetEnums.Status.DISPOSED && due.isBefore(asOf), a.status,
                a.status.label(), a.depreciation(asOf), a.createdAt, a.createdBy);
    }
}
