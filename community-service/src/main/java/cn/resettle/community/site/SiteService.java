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
import cn.resettle.common.web.ListQuery;
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

    /**
     * One statement for the page of sites with their counts (kept in site_count by triggers, migration V40), and a
     * count of sites only when the page is full.
     */
    public PageResult<SiteView> list(String regionCode, AreaType areaType, PageRequest page) {
        PageResult<Site> sites = ListQuery.scoped(scope.filter("s.township_code", "s.code"))
                .and("s.township_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("s.area_type = :areaType", "areaType", areaType == null ? null : areaType.name())
                .entityPage(em, Site.class, "site s", "s.code", page, site -> List.of(site.code));
        Map<UUID, long[]> counts = counts(sites.items().stream().map(site -> site.id).toList());
        return sites.map(site -> view(site, counts.getOrDefault(site.id, new long[2])));
    }

    /** Active households and people of each site, as maintained in site_count: one statement for all the sites. */
    Map<UUID, long[]> counts(List<UUID> siteIds) {
        Map<UUID, long[]> counts = new HashMap<>();
        if (siteIds.isEmpty()) {
            return counts;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select site_id, households, people from site_count where site_id in (:ids)")
                .setParameter("ids", siteIds).getResultList();
        for (Object[] r : rows) {
            counts.put((UUID) r[0], new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue()});
        }
        return counts;
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
        em.flush(); // the counts of this transaction's own changes are written by the statements' triggers
        return view(s, counts(List.of(s.id)).getOrDefault(s.id, new long[2]));
    }

    SiteView view(Site s, long[] counts) {
        long households = counts[0];
        long people = counts[1];
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
