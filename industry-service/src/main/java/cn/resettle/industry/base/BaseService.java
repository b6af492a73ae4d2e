package cn.resettle.industry.base;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.industry.base.BaseDtos.BaseHouseholdView;
import cn.resettle.industry.base.BaseDtos.BaseView;
import cn.resettle.industry.base.BaseDtos.Relation;
import cn.resettle.industry.link.LinkDtos;
import cn.resettle.industry.link.LinkService;
import cn.resettle.industry.web.ScopedPage;
import cn.resettle.industry.workshop.WorkshopService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Industry bases and parks (产业基地、园区) at a site, and the relocated households they employ or link. Each tie is
 * also an INDUSTRY_BASE link (联农带农), which completes the household's industry-link tasks.
 */
@ApplicationScoped
@Transactional
public class BaseService {

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

    public BaseView create(BaseDtos.NewBase req) {
        WorkshopService.Site s = workshops.site(req.siteCode());
        Long sameName = em.createQuery("select count(b) from IndustryBase b where b.siteCode = :s and b.name = :n", Long.class)
                .setParameter("s", s.code()).setParameter("n", req.name().trim()).getSingleResult();
        if (sameName > 0) {
            throw new DomainException(409, "duplicate", "冲突 Conflict", "name: the site already has a base of this name",
                    List.of(new Problem.Violation("name", "already registered at this site")));
        }
        IndustryBase b = new IndustryBase();
        b.id = UUID.randomUUID();
        b.kind = req.kind();
        b.name = req.name().trim();
        b.siteCode = s.code();
        b.regionCode = s.townshipCode();
        b.industry = req.industry().trim();
        b.areaMu = req.areaMu();
        b.investment = req.investment();
        b.enterprises = req.enterprises();
        b.jobs = req.jobs();
        b.establishedOn = req.establishedOn();
        b.createdBy = scope.actor();
        b.createdAt = b.updatedAt = OffsetDateTime.now();
        em.persist(b);
        em.flush();
        return views(List.of(b)).get(0);
    }

    public record Filter(BaseDtos.Kind kind, String siteCode, String regionCode, String industry) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<BaseView> list(Filter f, PageRequest page) {
        PageResult<IndustryBase> p = ListQuery.scoped(scope.filter("b.regionCode", "b.siteCode"))
                .and("b.kind = :kind", "kind", f.kind())
                .and("b.siteCode = :site", "site", f.siteCode())
                .and("b.regionCode like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("b.industry like :industry", "industry", f.industry() == null ? null : "%" + f.industry() + "%")
                .page(em, IndustryBase.class, "IndustryBase b", "b.regionCode, b.siteCode, b.name, b.id", page);
        return new PageResult<>(views(p.items()), p.page(), p.size(), p.total(), p.totalPages());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public BaseView get(UUID id) {
        return views(List.of(visible(id))).get(0);
    }

    IndustryBase visible(UUID id) {
        IndustryBase b = em.find(IndustryBase.class, id);
        if (b == null || !scope.allows(b.regionCode, b.siteCode)) {
            throw DomainException.notFound("industry base", id);
        }
        return b;
    }

    private List<BaseView> views(List<IndustryBase> bs) {
        if (bs.isEmpty()) {
            return List.of();
        }
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                        select base_id, count(distinct person_id) filter (where relation = 'EMPLOYED'), count(distinct household_id)
                        from industry_base_household where base_id in (:ids) and until is null group by base_id""")
                .setParameter("ids", bs.stream().map(b -> b.id).toList()).getResultList()) {
            Object[] r = (Object[]) o;
            counts.put((UUID) r[0], new long[]{((Number) r[1]).longValue(), ((Number) r[2]).longValue()});
        }
        Map<String, String> names = new HashMap<>();
        for (Object o : em.createNativeQuery("select code, name from registry_site where code in (:codes)")
                .setParameter("codes", bs.stream().map(b -> b.siteCode).distinct().toList()).getResultList()) {
            Object[] r = (Object[]) o;
            names.put((String) r[0], (String) r[1]);
        }
        return bs.stream().map(b -> {
            long[] c = counts.getOrDefault(b.id, new long[]{0, 0});
            return new BaseView(b.id, b.version, b.kind, b.kind.label(), b.name, b.siteCode, names.get(b.siteCode), b.regionCode,
                    b.industry, b.areaMu, b.investment, b.enterprises, b.jobs, b.establishedOn, c[0], c[1], b.createdAt,
                    b.createdBy);
        }).toList();
    }

    // ---------------------------------------------------------------- households

    public BaseHouseholdView link(UUID baseId, BaseDtos.NewHousehold req) {
        IndustryBase b = visible(baseId);
        if (req.relation() == Relation.EMPLOYED && req.personId() == null) {
            throw DomainException.invalid("personId", "an employed tie names the person who works at the base");
        }
        if (req.relation() != Relation.EMPLOYED && req.personId() != null) {
            throw DomainException.invalid("personId", "only an employed tie names a person");
        }
        if (req.since().isBefore(b.establishedOn)) {
            throw DomainException.invalid("since", "before the base was established (" + b.establishedOn + ")");
        }
        if (req.relation() == Relation.EMPLOYED) {
            long active = ((Number) em.createNativeQuery("""
                            select count(*) from industry_base_household
                            where base_id = ?1 and person_id = ?2 and relation = 'EMPLOYED' and until is null""")
                    .setParameter(1, baseId).setParameter(2, req.personId()).getSingleResult()).longValue();
            if (active > 0) {
                throw DomainException.conflict("already-working", "the person already works at this base");
            }
        }
        // the link checks the household or person (registry copy, caller's scope, active) and completes the tasks
        LinkDtos.LinkView link = links.record(new LinkDtos.NewLink(req.householdId(), LinkDtos.Kind.INDUSTRY_BASE,
                req.personId(), null, b.name + " · " + req.relation().label(), null, req.since(), req.annualIncome(), req.note()));
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into industry_base_household (id, base_id, household_id, household_no, person_id, relation, since,
                          annual_income, recorded_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                .setParameter(1, id).setParameter(2, baseId).setParameter(3, link.householdId())
                .setParameter(4, link.householdNo()).setParameter(5, req.personId()).setParameter(6, req.relation().name())
                .setParameter(7, req.since()).setParameter(8, req.annualIncome()).setParameter(9, scope.actor())
                .setParameter(10, OffsetDateTime.now()).executeUpdate();
        return new BaseHouseholdView(id, baseId, link.householdId(), link.householdNo(), req.personId(), req.relation(),
                req.relation().label(), req.since(), null, null, req.annualIncome(), scope.actor(), link.id());
    }

    public BaseHouseholdView ended(UUID baseId, UUID rowId, BaseDtos.Ended req) {
        visible(baseId);
        // a tie whose household is outside the caller's scope does not exist for them
        if (rows(tie(baseId, rowId), new PageRequest(0, 1)).items().isEmpty()) {
            throw DomainException.notFound("base household", rowId);
        }
        int n = em.createNativeQuery("""
                        update industry_base_household set until = ?1, end_reason = ?2
                        where id = ?3 and base_id = ?4 and until is null and since <= ?1""")
                .setParameter(1, req.until()).setParameter(2, req.reason()).setParameter(3, rowId).setParameter(4, baseId)
                .executeUpdate();
        List<BaseHouseholdView> found = rows(tie(baseId, rowId), new PageRequest(0, 1)).items();
        if (n == 0) {
            if (found.get(0).until() != null) {
                throw DomainException.conflict("ended", "the tie already ended on " + found.get(0).until());
            }
            throw DomainException.invalid("until", "before the tie began (" + found.get(0).since() + ")");
        }
        return found.get(0);
    }

    /** One tie, if its household (by the registry copy) is in the caller's scope. */
    private ListQuery tie(UUID baseId, UUID rowId) {
        return ListQuery.scoped(scope.filter("h.region_code", "h.site_code")).and("x.id = :id").param("id", rowId)
                .and("x.base_id = :b").param("b", baseId);
    }

    /**
     * Households tied to the base that are in the caller's scope (by each household's region and site in the registry
     * copy, not the base's); the others only as a count. Only the households shown are audited.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ScopedPage<BaseHouseholdView> households(UUID baseId, Relation relation, boolean includeEnded, PageRequest page) {
        visible(baseId);
        DataScope.Filter f = scope.filter("h.region_code", "h.site_code");
        PageResult<BaseHouseholdView> p = rows(ListQuery.scoped(f).and("x.base_id = :b").param("b", baseId)
                .and("x.relation = :rel", "rel", relation == null ? null : relation.name())
                .andIf(!includeEnded, "x.until is null"), page);
        Query outside = em.createNativeQuery("select count(*) from " + TIES_FROM.replace(" join ", " left join ")
                + " where x.base_id = :b" + (relation == null ? "" : " and x.relation = :rel")
                + (includeEnded ? "" : " and x.until is null") + " and not coalesce(" + f.jpql() + ", false)")
                .setParameter("b", baseId);
        if (relation != null) {
            outside.setParameter("rel", relation.name());
        }
        f.params().forEach(outside::setParameter);
        long outsideScope = ((Number) outside.getSingleResult()).longValue();
        audit.list("industry-base-household", p.items().stream().map(BaseHouseholdView::householdId).distinct().toList(), false,
                "base=" + baseId + ",relation=" + relation);
        return ScopedPage.of(p, outsideScope);
    }

    private static final String TIES_FROM = "industry_base_household x join registry_household h on h.id = x.household_id";

    private PageResult<BaseHouseholdView> rows(ListQuery q, PageRequest page) {
        return q.nativePage(em, "x.id, x.base_id, x.household_id, x.household_no, x.person_id, x.relation, x.since, x.until, "
                        + "x.end_reason, x.annual_income, x.recorded_by", TIES_FROM, "x.household_no, x.id", page,
                t -> {
                    Relation r = Relation.valueOf(t.get("relation", String.class));
                    return new BaseHouseholdView(t.get("id", UUID.class), t.get("base_id", UUID.class),
                            t.get("household_id", UUID.class), t.get("household_no", String.class), t.get("person_id", UUID.class),
                            r, r.label(), SqlValues.date(t.get("since")), SqlValues.date(t.get("until")),
                            t.get("end_reason", String.class), t.get("annual_income", BigDecimal.class),
                            t.get("recorded_by", String.class), null);
                });
    }

    /** Rows of the base ledger (产业基地/园区台账) in scope, none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> ledger(BaseDtos.Kind kind, String siteCode, String regionCode) {
        ListQuery q = ListQuery.scoped(scope.filter("b.region_code", "b.site_code"))
                .and("b.kind = :kind", "kind", kind == null ? null : kind.name())
                .and("b.site_code = :site", "site", siteCode)
                .and("b.region_code like :region", "region", regionCode == null ? null : regionCode + "%");
        Query rows = em.createNativeQuery("""
                select b.name, b.kind, b.site_code, s.name as site_name, b.region_code, b.industry, b.area_mu, b.investment,
                  b.enterprises, b.jobs, b.established_on,
                  (select count(distinct x.person_id) from industry_base_household x
                     where x.base_id = b.id and x.until is null and x.relation = 'EMPLOYED'),
                  (select count(distinct x.household_id) from industry_base_household x where x.base_id = b.id and x.until is null)
                from industry_base b
                left join lateral (select name from registry_site rs where rs.code = b.site_code order by version desc limit 1) s on true
                where""" + " " + q.where() + " order by b.region_code, b.site_code, b.name");
        q.params().forEach(rows::setParameter);
        return ((List<Object[]>) rows.getResultList()).stream().map(r -> new Object[]{r[0],
                BaseDtos.Kind.valueOf((String) r[1]).label(), r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                r[10] == null ? null : r[10].toString(), r[11], r[12]}).toList();
    }
}
