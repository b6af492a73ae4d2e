package cn.resettle.community.housing;

import static cn.resettle.common.web.SqlValues.date;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.HouseholdService;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The resettlement house's restrictions: no mortgage, sale or transfer for {@code resettle.housing.ban-years} (20)
 * years from the hand-over (搬迁安置住房 20 年内不得抵押、出售、转让), recorded per house with the day the ban ends;
 * and rentals, which are allowed but registered (出租登记).
 */
@ApplicationScoped
@Transactional
public class HousingRulesService {

    @ConfigMapping(prefix = "resettle.housing")
    public interface HousingConfig {
        @WithDefault("20")
        int banYears();
    }

    public record RestrictionRequest(@NotNull UUID householdId, @NotBlank @Size(max = 200) String houseAddress,
                                     @NotNull @PastOrPresent LocalDate handedOverOn) {
    }

    /** {@code banned}: mortgage, sale and transfer are not allowed today (before {@code banEndsOn}). */
    public record RestrictionView(UUID householdId, String householdNo, String siteCode, String regionCode, String houseAddress,
                                  LocalDate handedOverOn, LocalDate banEndsOn, boolean banned, String recordedBy) {
    }

    public record RentalRequest(@NotNull UUID householdId, @NotBlank @Size(max = 50) String tenantName,
                                @NotNull @Min(1) @Max(20) Integer tenants, @NotNull LocalDate startsOn, @NotNull LocalDate endsOn,
                                @NotNull @DecimalMin("0") BigDecimal monthlyRent, @NotBlank @Size(max = 200) String purpose) {
    }

    public record RentalView(UUID id, UUID householdId, String householdNo, String siteCode, String regionCode,
                             String tenantName, int tenants, LocalDate startsOn, LocalDate endsOn, boolean active,
                             BigDecimal monthlyRent, String purpose, String registeredBy) {
    }

    @Inject
    EntityManager em;
    @Inject
    HouseholdService households;
    @Inject
    DataScope scope;
    @Inject
    cn.resettle.common.security.PersonalDataAudit audit;
    @Inject
    HousingConfig config;

    public RestrictionView restrict(RestrictionRequest req) {
        Household h = households.visible(req.householdId());
        long exists = ((Number) em.createNativeQuery("select count(*) from house_restriction where household_id = ?1")
                .setParameter(1, h.id).getSingleResult()).longValue();
        if (exists > 0) {
            throw DomainException.conflict("already-restricted", "household " + h.householdNo + " already has its house's ban recorded");
        }
        em.createNativeQuery("""
                        insert into house_restriction (household_id, version, region_code, site_code, house_address, handed_over_on,
                          ban_ends_on, recorded_by, created_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, h.id).setParameter(2, h.regionCode).setParameter(3, h.siteCode).setParameter(4, req.houseAddress())
                .setParameter(5, req.handedOverOn()).setParameter(6, req.handedOverOn().plusYears(config.banYears()))
                .setParameter(7, scope.actor()).setParameter(8, OffsetDateTime.now()).executeUpdate();
        return restrictions(h.id, null, null, new PageRequest(0, 1)).items().get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<RestrictionView> restrictions(UUID householdId, String siteCode, LocalDate endingBefore, PageRequest page) {
        if (householdId != null) {
            households.visible(householdId);
        }
        PageResult<RestrictionView> result = ListQuery.scoped(scope.filter("r.region_code", "r.site_code"))
                .and("r.household_id = :household", "household", householdId)
                .and("r.site_code = :site", "site", siteCode)
                .and("r.ban_ends_on < :endingBefore", "endingBefore", endingBefore)
                .nativePage(em, "r.household_id, h.household_no, r.site_code, r.region_code, r.house_address, r.handed_over_on, "
                                + "r.ban_ends_on, r.recorded_by", "house_restriction r join household h on h.id = r.household_id",
                        "r.ban_ends_on, r.household_id", page, t -> {
                            LocalDate ends = date(t.get("ban_ends_on"));
                            return new RestrictionView(t.get("household_id", UUID.class), t.get("household_no", String.class),
                                    t.get("site_code", String.class), t.get("region_code", String.class),
                                    t.get("house_address", String.class), date(t.get("handed_over_on")), ends,
                                    LocalDate.now().isBefore(ends), t.get("recorded_by", String.class));
                        });
        audit.list("housing-restriction", result.items().stream().map(RestrictionView::householdId).distinct().toList(), false, "restrictions");
        return result;
    }

    public RentalView registerRental(RentalRequest req) {
        Household h = households.visible(req.householdId());
        if (req.endsOn().isBefore(req.startsOn())) {
            throw DomainException.invalid("endsOn", "before startsOn");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into housing_rental (id, household_id, region_code, site_code, tenant_name, tenants, starts_on, ends_on,
                          monthly_rent, purpose, registered_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""")
                .setParameter(1, id).setParameter(2, h.id).setParameter(3, h.regionCode).setParameter(4, h.siteCode)
                .setParameter(5, req.tenantName()).setParameter(6, req.tenants()).setParameter(7, req.startsOn())
                .setParameter(8, req.endsOn()).setParameter(9, req.monthlyRent()).setParameter(10, req.purpose())
                .setParameter(11, scope.actor()).setParameter(12, OffsetDateTime.now()).executeUpdate();
        return rentals(null, null, null, id, new PageRequest(0, 1)).items().get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<RentalView> rentals(UUID householdId, String siteCode, Boolean active, UUID id, PageRequest page) {
        if (householdId != null) {
            households.visible(householdId);
        }
        ListQuery q = ListQuery.scoped(scope.filter("r.region_code", "r.site_code"))
                .and("r.id = :id", "id", id)
                .and("r.household_id = :household", "household", householdId)
                .and("r.site_code = :site", "site", siteCode);
        if (Boolean.TRUE.equals(active)) {
            q.and("r.starts_on <= :today and r.ends_on >= :today", "today", LocalDate.now());
        }
        PageResult<RentalView> result = q.nativePage(em, "r.id, r.household_id, h.household_no, r.site_code, r.region_code, r.tenant_name, r.tenants, "
                        + "r.starts_on, r.ends_on, r.monthly_rent, r.purpose, r.registered_by",
                "housing_rental r join household h on h.id = r.household_id", "r.starts_on desc, r.id", page, t -> {
                    LocalDate starts = date(t.get("starts_on"));
                    LocalDate ends = date(t.get("ends_on"));
                    LocalDate today = LocalDate.now();
                    return new RentalView(t.get("id", UUID.class), t.get("household_id", UUID.class),
                            t.get("household_no", String.class), t.get("site_code", String.class), t.get("region_code", String.class),
                            t.get("tenant_name", String.class), ((Number) t.get("tenants")).intValue(), starts, ends,
                            !today.isBefore(starts) && !today.isAfter(ends), t.get("monthly_rent", BigDecimal.class),
                            t.get("purpose", String.class), t.get("registered_by", String.class));
                });
        // a rental names its tenant (a third party) and the household's house: whose data was shown is audited
        audit.list("housing-rental", result.items().stream().map(RentalView::householdId).distinct().toList(), false, "rentals");
        return result;
    }

}
