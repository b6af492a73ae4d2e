package cn.resettle.community.publicservice;

import static cn.resettle.common.web.SqlValues.date;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Enums.Gender;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.Person;
import cn.resettle.community.publicservice.PublicServiceDtos.CareCategory;
import cn.resettle.community.publicservice.PublicServiceDtos.CareEnd;
import cn.resettle.community.publicservice.PublicServiceDtos.CareRequest;
import cn.resettle.community.publicservice.PublicServiceDtos.CareView;
import cn.resettle.community.publicservice.PublicServiceDtos.CareVisitRequest;
import cn.resettle.community.publicservice.PublicServiceDtos.CareVisitView;
import cn.resettle.community.publicservice.PublicServiceDtos.FacilityKind;
import cn.resettle.community.publicservice.PublicServiceDtos.FacilityRequest;
import cn.resettle.community.publicservice.PublicServiceDtos.FacilityView;
import cn.resettle.community.publicservice.PublicServiceDtos.UseUpdate;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.UUID;

/**
 * Public services near a site (schools and kindergartens with places for relocated children, clinics, elderly care,
 * each with capacity and use) and the care lists of left-behind children, elderly and women with their visits.
 */
@ApplicationScoped
@Transactional
public class PublicService {

    @ConfigMapping(prefix = "resettle.care")
    public interface CareConfig {
        /** A left-behind child is younger than this (留守儿童: under 16). */
        @WithDefault("16")
        int childMaxAge();

        /** A left-behind elderly person is at least this old. */
        @WithDefault("60")
        int elderlyMinAge();

        /** Someone on a care list is due a visit when none was recorded in this many days. */
        @WithDefault("30")
        int visitEveryDays();
    }

    static final String FACILITY_COLUMNS = "f.id, f.version, f.site_code, f.region_code, f.kind, f.name, f.address, f.distance_km, "
            + "f.capacity, f.in_use, f.relocated_places, f.relocated_in_use, f.updated_by";
    static final String CARE_COLUMNS = "c.id, c.version, c.person_id, p.name, cast(p.gender as text) as gender, p.birth_date, c.household_id, h.household_no, "
            + "c.site_code, c.region_code, c.category, c.carer, c.needs, c.listed_on, c.ended_on, c.end_reason, c.last_visit_on, c.visits";
    static final String CARE_FROM = "care_person c join person p on p.id = c.person_id join household h on h.id = c.household_id";

    @Inject
    EntityManager em;
    @Inject
    SiteService sites;
    @Inject
    DataScope scope;
    @Inject
    CareConfig config;

    // ---- facilities

    public FacilityView addFacility(FacilityRequest req) {
        Site site = sites.visible(req.siteId());
        int relocatedPlaces = req.relocatedPlaces() == null ? 0 : req.relocatedPlaces();
        int relocatedInUse = req.relocatedInUse() == null ? 0 : req.relocatedInUse();
        checkPlaces(req.kind(), req.capacity(), relocatedPlaces, relocatedInUse);
        long exists = ((Number) em.createNativeQuery("select count(*) from public_facility where site_id = ?1 and kind = ?2 and name = ?3")
                .setParameter(1, site.id).setParameter(2, req.kind().name()).setParameter(3, req.name()).getSingleResult()).longValue();
        if (exists > 0) {
            throw DomainException.conflict("facility-exists", "site " + site.code + " already lists " + req.name());
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into public_facility (id, version, site_id, site_code, region_code, kind, name, address, distance_km,
                          capacity, in_use, relocated_places, relocated_in_use, updated_by, created_at, updated_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.kind().name()).setParameter(6, req.name()).setParameter(7, req.address())
                .setParameter(8, req.distanceKm()).setParameter(9, req.capacity()).setParameter(10, req.inUse())
                .setParameter(11, relocatedPlaces).setParameter(12, relocatedInUse).setParameter(13, scope.actor())
                .setParameter(14, now).executeUpdate();
        return facility(id);
    }

    public FacilityView updateUse(UUID id, UseUpdate req) {
        FacilityView f = facility(id);
        int relocatedPlaces = req.relocatedPlaces() == null ? f.relocatedPlaces() : req.relocatedPlaces();
        int relocatedInUse = req.relocatedInUse() == null ? f.relocatedInUse() : req.relocatedInUse();
        checkPlaces(f.kind(), req.capacity(), relocatedPlaces, relocatedInUse);
        int updated = em.createNativeQuery("update public_facility set capacity = ?1, in_use = ?2, relocated_places = ?3, "
                        + "relocated_in_use = ?4, updated_by = ?5, updated_at = ?6, version = version + 1 where id = ?7 and version = ?8")
                .setParameter(1, req.capacity()).setParameter(2, req.inUse()).setParameter(3, relocatedPlaces)
                .setParameter(4, relocatedInUse).setParameter(5, scope.actor()).setParameter(6, OffsetDateTime.now())
                .setParameter(7, id).setParameter(8, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("facility");
        }
        return facility(id);
    }

    private static void checkPlaces(FacilityKind kind, int capacity, int relocatedPlaces, int relocatedInUse) {
        if (!kind.school() && (relocatedPlaces > 0 || relocatedInUse > 0)) {
            throw DomainException.invalid("relocatedPlaces", "places for relocated children are kept by schools and kindergartens only");
        }
        if (relocatedPlaces > capacity) {
            throw DomainException.invalid("relocatedPlaces", "more places for relocated children than the capacity (" + capacity + ")");
        }
        if (relocatedInUse > relocatedPlaces) {
            throw DomainException.invalid("relocatedInUse", "more relocated children than places for them (" + relocatedPlaces + ")");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<FacilityView> facilities(String siteCode, String regionCode, FacilityKind kind, Boolean overCapacity,
                                               PageRequest page) {
        return ListQuery.scoped(scope.filter("f.region_code", "f.site_code"))
                .and("f.site_code = :site", "site", siteCode)
                .and("f.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("f.kind = :kind", "kind", kind == null ? null : kind.name())
                .andIf(Boolean.TRUE.equals(overCapacity), "f.in_use > f.capacity")
                .nativePage(em, FACILITY_COLUMNS, "public_facility f", "f.region_code, f.site_code, f.kind, f.name", page,
                        PublicService::facilityView);
    }

    FacilityView facility(UUID id) {
        List<FacilityView> found = ListQuery.scoped(scope.filter("f.region_code", "f.site_code")).and("f.id = :id", "id", id)
                .nativePage(em, FACILITY_COLUMNS, "public_facility f", "f.id", new PageRequest(0, 1), PublicService::facilityView)
                .items();
        if (found.isEmpty()) {
            throw DomainException.notFound("facility", id);
        }
        return found.get(0);
    }

    static FacilityView facilityView(Tuple t) {
        int capacity = ((Number) t.get("capacity")).intValue();
        int inUse = ((Number) t.get("in_use")).intValue();
        int rp = ((Number) t.get("relocated_places")).intValue();
        int ru = ((Number) t.get("relocated_in_use")).intValue();
        return new FacilityView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("site_code", String.class),
                t.get("region_code", String.class), FacilityKind.valueOf(t.get("kind", String.class)), t.get("name", String.class),
                t.get("address", String.class), (BigDecimal) t.get("distance_km"), capacity, inUse, capacity - inUse,
                inUse > capacity, rp, ru, rp - ru, t.get("updated_by", String.class));
    }

    // ---- care lists

    public CareView list(CareRequest req) {
        Person p = Person.findById(req.personId());
        if (p == null || !scope.allows(p.household.regionCode, p.household.siteCode)) {
            throw DomainException.notFound("person", req.personId());
        }
        Household h = p.household;
        if (!"ACTIVE".equals(String.valueOf(p.status))) {
            throw DomainException.unprocessable("care-category", "the person is no longer an active member of the household");
        }
        Integer age = p.birthDate == null ? null : Period.between(p.birthDate, req.listedOn()).getYears();
        switch (req.category()) {
            case LEFT_BEHIND_CHILD -> {
                if (age == null || age >= config.childMaxAge()) {
                    throw DomainException.unprocessable("care-category", "a left-behind child is younger than " + config.childMaxAge());
                }
            }
            case LEFT_BEHIND_ELDERLY -> {
                if (age == null || age < config.elderlyMinAge()) {
                    throw DomainException.unprocessable("care-category", "a left-behind elderly person is at least " + config.elderlyMinAge());
                }
            }
            case LEFT_BEHIND_WOMAN -> {
                if (p.gender != Gender.F) {
                    throw DomainException.unprocessable("care-category", "the left-behind women's list is for women");
                }
            }
        }
        long exists = ((Number) em.createNativeQuery("select count(*) from care_person where person_id = ?1 and category = ?2 "
                + "and ended_on is null").setParameter(1, p.id).setParameter(2, req.category().name()).getSingleResult()).longValue();
        if (exists > 0) {
            throw DomainException.conflict("already-listed", "the person is already on the " + req.category().label() + " list");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into care_person (id, version, person_id, household_id, site_code, region_code, category, carer, needs,
                          listed_on, created_by, created_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, id).setParameter(2, p.id).setParameter(3, h.id).setParameter(4, h.siteCode)
                .setParameter(5, h.regionCode).setParameter(6, req.category().name()).setParameter(7, req.carer())
                .setParameter(8, req.needs()).setParameter(9, req.listedOn()).setParameter(10, scope.actor())
                .setParameter(11, OffsetDateTime.now()).executeUpdate();
        return care(id);
    }

    public CareView end(UUID id, CareEnd req) {
        CareView c = care(id);
        if (c.endedOn() != null) {
            throw DomainException.unprocessable("care-ended", "taken off the list on " + c.endedOn());
        }
        if (req.endedOn().isBefore(c.listedOn())) {
            throw DomainException.invalid("endedOn", "before the person was listed");
        }
        int updated = em.createNativeQuery("update care_person set ended_on = ?1, end_reason = ?2, version = version + 1 "
                        + "where id = ?3 and version = ?4 and ended_on is null")
                .setParameter(1, req.endedOn()).setParameter(2, req.reason()).setParameter(3, id).setParameter(4, req.version())
                .executeUpdate();
        if (updated == 0) {
            throw stale("care entry");
        }
        return care(id);
    }

    public CareVisitView visit(UUID careId, CareVisitRequest req) {
        CareView c = care(careId);
        if (c.endedOn() != null) {
            throw DomainException.unprocessable("care-ended", "taken off the list on " + c.endedOn());
        }
        if (req.visitedOn().isBefore(c.listedOn())) {
            throw DomainException.invalid("visitedOn", "before the person was listed");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into care_visit (id, care_id, visited_on, visitor, situation, help_given, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, careId).setParameter(3, req.visitedOn()).setParameter(4, req.visitor())
                .setParameter(5, req.situation()).setParameter(6, req.helpGiven()).setParameter(7, scope.actor())
                .setParameter(8, OffsetDateTime.now()).executeUpdate();
        em.createNativeQuery("update care_person set visits = visits + 1, last_visit_on = greatest(coalesce(last_visit_on, ?1), ?1) "
                + "where id = ?2").setParameter(1, req.visitedOn()).setParameter(2, careId).executeUpdate();
        return new CareVisitView(id, careId, req.visitedOn(), req.visitor(), req.situation(), req.helpGiven(), scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<CareVisitView> visits(UUID careId, PageRequest page) {
        care(careId);
        return ListQuery.where("v.care_id = :care").param("care", careId)
                .nativePage(em, "v.id, v.care_id, v.visited_on, v.visitor, v.situation, v.help_given, v.recorded_by", "care_visit v",
                        "v.visited_on desc, v.id", page, t -> new CareVisitView(t.get("id", UUID.class), t.get("care_id", UUID.class),
                                date(t.get("visited_on")), t.get("visitor", String.class), t.get("situation", String.class),
                                t.get("help_given", String.class), t.get("recorded_by", String.class)));
    }

    public record CareFilter(String siteCode, String regionCode, CareCategory category, UUID householdId, boolean active,
                             Boolean visitDue) {
    }

    ListQuery careQuery(CareFilter f) {
        ListQuery q = ListQuery.scoped(scope.filter("c.region_code", "c.site_code"))
                .and("c.site_code = :site", "site", f.siteCode())
                .and("c.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("c.category = :category", "category", f.category() == null ? null : f.category().name())
                .and("c.household_id = :household", "household", f.householdId())
                .andIf(f.active(), "c.ended_on is null");
        if (Boolean.TRUE.equals(f.visitDue())) {
            q.and("c.ended_on is null").and("coalesce(c.last_visit_on, c.listed_on) < :dueBefore", "dueBefore",
                    LocalDate.now().minusDays(config.visitEveryDays()));
        }
        return q;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<CareView> careList(CareFilter f, PageRequest page) {
        return careQuery(f).nativePage(em, CARE_COLUMNS, CARE_FROM, "c.region_code, c.site_code, c.category, h.household_no, c.id",
                page, this::careView);
    }

    CareView care(UUID id) {
        List<CareView> found = ListQuery.scoped(scope.filter("c.region_code", "c.site_code")).and("c.id = :id", "id", id)
                .nativePage(em, CARE_COLUMNS, CARE_FROM, "c.id", new PageRequest(0, 1), this::careView).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("care entry", id);
        }
        return found.get(0);
    }

    CareView careView(Tuple t) {
        LocalDate birth = date(t.get("birth_date"));
        LocalDate listed = date(t.get("listed_on"));
        LocalDate ended = date(t.get("ended_on"));
        LocalDate last = date(t.get("last_visit_on"));
        boolean due = ended == null && (last == null ? listed : last).isBefore(LocalDate.now().minusDays(config.visitEveryDays()));
        return new CareView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("person_id", UUID.class),
                t.get("name", String.class), t.get("gender", String.class),
                birth == null ? null : Period.between(birth, LocalDate.now()).getYears(), t.get("household_id", UUID.class),
                t.get("household_no", String.class), t.get("site_code", String.class), t.get("region_code", String.class),
                CareCategory.valueOf(t.get("category", String.class)), t.get("carer", String.class), t.get("needs", String.class),
                listed, ended, t.get("end_reason", String.class), last, ((Number) t.get("visits")).intValue(), due);
    }

    static DomainException stale(String what) {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the " + what + " was changed by someone else since you read it; reload it");
    }
}
