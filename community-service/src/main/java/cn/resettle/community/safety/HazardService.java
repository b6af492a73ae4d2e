package cn.resettle.community.safety;

import cn.resettle.common.events.CommunityEvents.HazardRecorded;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.community.household.Household;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The monthly safety inspection's hazards and the disasters at a site; each one warns monitoring. */
@ApplicationScoped
@Transactional
public class HazardService {

    public enum Category { GEOLOGICAL, HOUSING, FIRE, FLOOD, OTHER_DISASTER }

    public enum Severity { LOW, MEDIUM, HIGH }

    public record HazardRequest(@NotNull UUID siteId, @NotNull Category category, @NotNull Severity severity,
                                @NotBlank @Size(max = 500) String description, @Size(max = 100) List<UUID> householdIds,
                                @NotNull @PastOrPresent LocalDate recordedOn) {
    }

    public record HazardView(UUID id, UUID siteId, String siteCode, Category category, Severity severity,
                             String description, List<UUID> householdIds, String status, LocalDate recordedOn) {
    }

    @Inject
    EntityManager em;
    @Inject
    SiteService sites;
    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;

    public HazardView record(HazardRequest req) {
        Site site = sites.visible(req.siteId());
        List<UUID> households = req.householdIds() == null ? List.of() : req.householdIds();
        for (UUID h : households) {
            Household hh = Household.findById(h);
            if (hh == null || !site.id.equals(hh.siteId)) {
                throw DomainException.invalid("householdIds", "household " + h + " is not at site " + site.code);
            }
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into safety_hazard (id, version, site_id, site_code, region_code, category, severity, description,
                          household_ids, status, recorded_on, recorded_by, created_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'OPEN', ?9, ?10, ?11)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.category().name()).setParameter(6, req.severity().name())
                .setParameter(7, req.description())
                .setParameter(8, households.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .setParameter(9, req.recordedOn()).setParameter(10, scope.actor()).setParameter(11, OffsetDateTime.now())
                .executeUpdate();
        outbox.publish(Topics.COMMUNITY, site.id, new HazardRecorded(id, site.id, site.code, site.townshipCode,
                req.category().name(), req.severity().name(), req.description(), households, req.recordedOn()));
        return new HazardView(id, site.id, site.code, req.category(), req.severity(), req.description(), households,
                "OPEN", req.recordedOn());
    }
}
