package cn.resettle.community.site;

import cn.resettle.common.events.CommunityEvents.SiteRegistered;
import cn.resettle.common.events.CommunityEvents.SiteSnapshot;
import cn.resettle.common.events.CommunityEvents.SiteUpdated;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Masking;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.site.SiteDtos.SiteRequest;
import cn.resettle.community.site.SiteDtos.SiteUpdate;
import cn.resettle.community.site.SiteDtos.SiteView;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class SiteService {

    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;
    @Inject
    SiteConfig config;
    @Inject
    EntityManager em;

    public SiteView register(SiteRequest req) {
        if (!req.townshipCode().startsWith(req.countyCode())) {
            throw DomainException.invalid("townshipCode", "township " + req.townshipCode() + " is not in county " + req.countyCode());
        }
        if (!scope.coversRegion(req.townshipCode())) {
            throw DomainException.forbidden("township " + req.townshipCode() + " is outside your data scope");
        }
        if (Site.findByCode(req.code()).isPresent()) {
            throw DomainException.conflict("duplicate-site-code", "a site with code " + req.code() + " already exists");
        }
        Site s = new Site();
        s.id = UUID.randomUUID();
        s.code = req.code();
        s.name = req.name();
        s.countyCode = req.countyCode();
        s.townshipCode = req.townshipCode();
        s.areaType = req.areaType();
        s.address = req.address();
        s.chiefName = req.chiefName();
        s.chiefPhone = req.chiefPhone();
        s.plannedHouseholds = req.plannedHouseholds();
        s.plannedPeople = req.plannedPeople();
        s.status = SiteStatus.ACTIVE;
        s.createdAt = s.updatedAt = OffsetDateTime.now();
        s.persist();
        em.flush();
        outbox.publish(Topics.COMMUNITY, s.id, new SiteRegistered(snapshot(s)));
        return view(s);
    }

    public SiteView update(UUID id, SiteUpdate req) {
        Site s = visible(id);
        if (s.version != req.version()) {
            throw staleVersion();
        }
        s.name = req.name();
        s.areaType = req.areaType();
        s.address = req.address();
        s.chiefName = req.chiefName();
        s.chiefPhone = req.chiefPhone();
        s.plannedHouseholds = req.plannedHouseholds();
        s.plannedPeople = req.plannedPeople();
        if (req.status() != null) {
            s.status = req.status();
        }
        s.updatedAt = OffsetDateTime.now();
        em.flush();
        outbox.publish(Topics.COMMUNITY, s.id, new SiteUpdated(snapshot(s)));
        return view(s);
    }

    public SiteView get(UUID id) {
        return view(visible(id));
    }

    public PageResult<SiteView> list(String regionCode, AreaType areaType, PageRequest page) {
        DataScope.Filter f = scope.filter("s.townshipCode", "s.code");
        StringBuilder q = new StringBuilder("from Site s where ").append(f.jpql());
        Map<String, Object> p = new HashMap<>(f.params());
        if (regionCode != null) {
            q.append(" and s.townshipCode like :region");
            p.put("region", regionCode + "%");
        }
        if (areaType != null) {
            q.append(" and s.areaType = :areaType");
            p.put("areaType", areaType);
        }
        var query = Site.find(q.toString(), Sort.by("code"), p).page(Page.of(page.page(), page.size()));
        List<SiteView> items = query.<Site>list().stream().map(this::view).toList();
        return PageResult.of(items, page, query.count());
    }

    /** The site if it exists and the caller may see it; otherwise 404 (not 403: existence is not disclosed). */
    public Site visible(UUID id) {
        Site s = Site.findById(id);
        if (s == null || !scope.allows(s.townshipCode, s.code)) {
            throw DomainException.notFound("site", id);
        }
        return s;
    }

    static DomainException staleVersion() {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the record was changed by someone else since you read it; reload and apply your change again");
    }

    static SiteSnapshot snapshot(Site s) {
        return new SiteSnapshot(s.id, s.version, s.code, s.name, s.countyCode, s.townshipCode, s.areaType.name(), s.status.name());
    }

    SiteView view(Site s) {
        Object[] counts = (Object[]) em.createNativeQuery(
                        "select count(distinct h.id), count(p.id) from household h left join person p "
                                + "on p.household_id = h.id and p.status = 'ACTIVE' where h.site_id = ?1 and h.status = 'ACTIVE'")
                .setParameter(1, s.id).getSingleResult();
        long households = ((Number) counts[0]).longValue();
        long people = ((Number) counts[1]).longValue();
        int sizeClass = 0;
        for (int t : config.sizeThresholds()) {
            if (people >= t && t > sizeClass) {
                sizeClass = t;
            }
        }
        String phone = scope.seesFullIdentity() || scope.hasRole("township-official") ? s.chiefPhone : Masking.phone(s.chiefPhone);
        return new SiteView(s.id, s.version, s.code, s.name, s.countyCode, s.townshipCode, s.areaType, s.address,
                s.chiefName, phone, s.plannedHouseholds, s.plannedPeople, households, people, sizeClass, s.status);
    }
}
