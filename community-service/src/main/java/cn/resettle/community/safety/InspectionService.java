package cn.resettle.community.safety;

import static cn.resettle.common.web.SqlValues.date;
import static cn.resettle.common.web.SqlValues.time;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.safety.HazardService.HazardRequest;
import cn.resettle.community.safety.HazardService.HazardView;
import cn.resettle.community.safety.SafetyEnums.Category;
import cn.resettle.community.safety.SafetyEnums.Severity;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The monthly safety inspection of a site (每月安全排查: geological hazards, housing safety, fire safety), one per site,
 * month and category, with its findings; each hazard it finds becomes a tracked hazard ({@link HazardService}).
 */
@ApplicationScoped
@Transactional
public class InspectionService {

    /** A hazard found by the inspection; its category defaults to the inspection's. */
    public record FoundHazard(Category category, @NotNull Severity severity, @NotBlank @Size(max = 500) String description,
                              @Size(max = 100) List<@NotNull UUID> householdIds, @Size(max = 100) String owner, LocalDate dueOn) {
    }

    public record InspectionRequest(@NotNull UUID siteId, @NotNull Category category,
                                    @NotNull @PastOrPresent LocalDate inspectedOn, @NotBlank @Size(max = 100) String inspector,
                                    @NotBlank @Size(max = 2000) String findings,
                                    @Valid @Size(max = 50) List<@NotNull FoundHazard> hazards) {
    }

    public record InspectionView(UUID id, UUID siteId, String siteCode, String regionCode, String month, Category category,
                                 LocalDate inspectedOn, String inspector, String findings, int hazardsFound,
                                 String recordedBy, OffsetDateTime createdAt) {
    }

    public record InspectionDetail(InspectionView inspection, List<HazardView> hazards) {
    }

    /** A site in scope without this month's inspection of a category. */
    public record MissingInspection(UUID siteId, String siteCode, String siteName, String regionCode, Category category) {
    }

    static final String COLUMNS = "i.id, i.site_id, i.site_code, i.region_code, i.inspection_month, i.category, "
            + "i.inspected_on, i.inspector, i.findings, i.hazards_found, i.recorded_by, i.created_at";

    @Inject
    EntityManager em;
    @Inject
    SiteService sites;
    @Inject
    HazardService hazards;
    @Inject
    DataScope scope;

    public InspectionDetail record(InspectionRequest req) {
        if (!req.category().inspected()) {
            throw DomainException.invalid("category", "the monthly inspection covers GEOLOGICAL, HOUSING and FIRE");
        }
        Site site = sites.visible(req.siteId());
        String month = YearMonth.from(req.inspectedOn()).toString();
        long done = ((Number) em.createNativeQuery("select count(*) from safety_inspection where site_id = ?1 "
                        + "and inspection_month = ?2 and category = ?3")
                .setParameter(1, site.id).setParameter(2, month).setParameter(3, req.category().name()).getSingleResult()).longValue();
        if (done > 0) {
            throw DomainException.conflict("already-inspected", "site " + site.code + " already has its " + month + " "
                    + req.category() + " inspection");
        }
        List<FoundHazard> found = req.hazards() == null ? List.of() : req.hazards();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into safety_inspection (id, version, site_id, site_code, region_code, inspection_month, category,
                          inspected_on, inspector, findings, hazards_found, recorded_by, created_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, month).setParameter(6, req.category().name()).setParameter(7, req.inspectedOn())
                .setParameter(8, req.inspector()).setParameter(9, req.findings()).setParameter(10, found.size())
                .setParameter(11, scope.actor()).setParameter(12, OffsetDateTime.now()).executeUpdate();
        List<HazardView> recorded = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            FoundHazard f = found.get(i);
            recorded.add(hazards.record(site, new HazardRequest(site.id, f.category() == null ? req.category() : f.category(),
                    f.severity(), f.description(), f.householdIds(), req.inspectedOn(), f.owner(), f.dueOn()), id,
                    "hazards[" + i + "]."));
        }
        return new InspectionDetail(get(id), recorded);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<InspectionView> list(String siteCode, String regionCode, String month, Category category, PageRequest page) {
        return ListQuery.scoped(scope.filter("i.region_code", "i.site_code"))
                .and("i.site_code = :site", "site", siteCode)
                .and("i.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("i.inspection_month = :month", "month", month)
                .and("i.category = :category", "category", category == null ? null : category.name())
                .nativePage(em, COLUMNS, "safety_inspection i", "i.inspection_month desc, i.site_code, i.category", page,
                        InspectionService::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public InspectionDetail detail(UUID id) {
        return new InspectionDetail(get(id), hazards.list(new HazardService.HazardFilter(null, null, null, null, null, null, id),
                new PageRequest(0, 50)).items());
    }

    /** Active sites in scope that lack the month's inspection of a category (a row per site and missing category). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<MissingInspection> missing(String month, String regionCode, PageRequest page) {
        return ListQuery.scoped(scope.filter("s.township_code", "s.code"))
                .and("s.status = 'ACTIVE'")
                .and("s.township_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("not exists (select 1 from safety_inspection i where i.site_id = s.id and i.inspection_month = :month "
                        + "and i.category = c.category)", "month", month)
                .nativePage(em, "s.id, s.code, s.name, s.township_code, c.category",
                        "site s cross join (values ('GEOLOGICAL'), ('HOUSING'), ('FIRE')) as c(category)",
                        "s.township_code, s.code, c.category", page,
                        t -> new MissingInspection(t.get("id", UUID.class), t.get("code", String.class),
                                t.get("name", String.class), t.get("township_code", String.class),
                                Category.valueOf(t.get("category", String.class))));
    }

    InspectionView get(UUID id) {
        List<InspectionView> found = ListQuery.scoped(scope.filter("i.region_code", "i.site_code")).and("i.id = :id", "id", id)
                .nativePage(em, COLUMNS, "safety_inspection i", "i.id", new PageRequest(0, 1), InspectionService::view).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("inspection", id);
        }
        return found.get(0);
    }

    static InspectionView view(Tuple t) {
        return new InspectionView(t.get("id", UUID.class), t.get("site_id", UUID.class), t.get("site_code", String.class),
                t.get("region_code", String.class), t.get("inspection_month", String.class),
                Category.valueOf(t.get("category", String.class)), date(t.get("inspected_on")), t.get("inspector", String.class),
                t.get("findings", String.class), ((Number) t.get("hazards_found")).intValue(), t.get("recorded_by", String.class),
                time(t.get("created_at")));
    }
}
