package cn.resettle.industry.premises;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.premises.PremisesDtos.PremisesView;
import cn.resettle.industry.premises.PremisesDtos.Status;
import cn.resettle.industry.workshop.Workshop;
import cn.resettle.industry.workshop.WorkshopEnums;
import cn.resettle.industry.workshop.WorkshopService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Idle premises at a site (闲置车库、门面、厂房) listed for workshops, allocated to one and released. */
@ApplicationScoped
@Transactional
public class PremisesService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    WorkshopService workshops;

    public PremisesView create(PremisesDtos.NewPremises req) {
        WorkshopService.Site s = workshops.site(req.siteCode());
        Long same = em.createQuery("select count(p) from Premises p where p.siteCode = :s and p.address = :a", Long.class)
                .setParameter("s", s.code()).setParameter("a", req.address().trim()).getSingleResult();
        if (same > 0) {
            throw new DomainException(409, "duplicate", "冲突 Conflict", "address: already listed at this site",
                    List.of(new Problem.Violation("address", "already listed at this site")));
        }
        Premises p = new Premises();
        p.id = UUID.randomUUID();
        p.siteCode = s.code();
        p.regionCode = s.townshipCode();
        p.kind = req.kind();
        p.address = req.address().trim();
        p.areaM2 = req.areaM2();
        p.owner = req.owner().trim();
        p.monthlyRent = req.monthlyRent();
        p.status = Status.IDLE;
        p.idleSince = req.idleSince();
        p.note = req.note();
        p.createdBy = scope.actor();
        p.createdAt = p.updatedAt = OffsetDateTime.now();
        em.persist(p);
        em.flush();
        return views(List.of(p)).get(0);
    }

    public record Filter(String siteCode, String regionCode, Status status, PremisesDtos.Kind kind) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<PremisesView> list(Filter f, PageRequest page) {
        PageResult<Premises> p = ListQuery.scoped(scope.filter("p.regionCode", "p.siteCode"))
                .and("p.siteCode = :site", "site", f.siteCode())
                .and("p.regionCode like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("p.status = :status", "status", f.status())
                .and("p.kind = :kind", "kind", f.kind())
                .page(em, Premises.class, "Premises p", "p.regionCode, p.siteCode, p.address, p.id", page);
        return new PageResult<>(views(p.items()), p.page(), p.size(), p.total(), p.totalPages());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PremisesView get(UUID id) {
        return views(List.of(visible(id))).get(0);
    }

    Premises visible(UUID id) {
        Premises p = em.find(Premises.class, id);
        if (p == null || !scope.allows(p.regionCode, p.siteCode)) {
            throw DomainException.notFound("premises", id);
        }
        return p;
    }

    public PremisesView allocate(UUID id, PremisesDtos.Allocate req) {
        Premises p = visible(id);
        stale(p, req.version());
        if (p.status == Status.IN_USE) {
            throw DomainException.conflict("in-use", "the premises are used by another workshop since " + p.inUseSince);
        }
        Workshop w;
        try {
            w = workshops.visible(req.workshopId());
        } catch (DomainException e) {
            throw DomainException.invalid("workshopId", "no workshop " + req.workshopId() + " in your area");
        }
        if (w.status == WorkshopEnums.Status.CLOSED) {
            throw DomainException.conflict("workshop-closed", "the workshop is closed");
        }
        if (req.since().isBefore(p.idleSince)) {
            throw DomainException.invalid("since", "before the premises became idle (" + p.idleSince + ")");
        }
        p.status = Status.IN_USE;
        p.workshopId = w.id;
        p.inUseSince = req.since();
        p.updatedAt = OffsetDateTime.now();
        em.flush();
        return views(List.of(p)).get(0);
    }

    public PremisesView release(UUID id, PremisesDtos.Release req) {
        Premises p = visible(id);
        stale(p, req.version());
        if (p.status == Status.IDLE) {
            throw DomainException.conflict("idle", "the premises are not in use");
        }
        if (req.on().isBefore(p.inUseSince)) {
            throw DomainException.invalid("on", "before the workshop moved in (" + p.inUseSince + ")");
        }
        p.status = Status.IDLE;
        p.workshopId = null;
        p.inUseSince = null;
        p.idleSince = req.on();
        p.updatedAt = OffsetDateTime.now();
        em.flush();
        return views(List.of(p)).get(0);
    }

    private static void stale(Premises p, long version) {
        if (p.version != version) {
            throw DomainException.conflict("stale", "the premises changed since version " + version + " (now " + p.version + ")");
        }
    }

    private List<PremisesView> views(List<Premises> ps) {
        List<UUID> ws = ps.stream().map(p -> p.workshopId).filter(java.util.Objects::nonNull).distinct().toList();
        Map<UUID, String> names = new HashMap<>();
        if (!ws.isEmpty()) {
            for (Object o : em.createNativeQuery("select id, name from workshop where id in (:ids)").setParameter("ids", ws).getResultList()) {
                Object[] r = (Object[]) o;
                names.put((UUID) r[0], (String) r[1]);
            }
        }
        return ps.stream().map(p -> new PremisesView(p.id, p.version, p.siteCode, p.regionCode, p.kind, p.kind.label(), p.address,
                p.areaM2, p.owner, p.monthlyRent, p.status, p.status.label(), p.workshopId, names.get(p.workshopId), p.inUseSince,
                p.idleSince, p.note, p.createdAt, p.createdBy)).toList();
    }

    /** Rows of the premises ledger (安置点闲置用房台账) in scope, none dropped. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> ledger(Filter f) {
        ListQuery q = ListQuery.scoped(scope.filter("p.regionCode", "p.siteCode"))
                .and("p.siteCode = :site", "site", f.siteCode())
                .and("p.regionCode like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("p.status = :status", "status", f.status())
                .and("p.kind = :kind", "kind", f.kind());
        var query = em.createQuery("select p from Premises p where " + q.where() + " order by p.regionCode, p.siteCode, p.address",
                Premises.class);
        q.params().forEach(query::setParameter);
        return views(query.getResultList()).stream().map(v -> new Object[]{v.siteCode(), v.regionCode(), v.kindLabel(), v.address(),
                v.areaM2(), v.owner(), v.monthlyRent(), v.statusLabel(), v.workshopName(),
                v.inUseSince() == null ? null : v.inUseSince().toString(), v.idleSince() == null ? null : v.idleSince().toString(),
                v.note()}).toList();
    }
}
