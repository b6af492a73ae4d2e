package cn.resettle.monitoring.employment;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.UUID;

@Path("/api/monitoring/employment-changes")
@Tag(name = "就业变化 Employment changes")
public class EmploymentChangeResource {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    public record Change(UUID id, UUID placementId, String change, UUID personId, UUID householdId, String regionCode,
                         String siteCode, String kind, LocalDate changedOn, String endReason, Boolean householdWithoutEmployment) {
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Placements started and ended (employment-service) for households in your scope, latest first; sinceLastVisit=true with householdId: the changes since the household's latest monthly visit (what the next visit looks at)")
    public PageResult<Change> list(@QueryParam("householdId") UUID householdId, @QueryParam("siteCode") String siteCode,
                                   @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                   @QueryParam("since") @Pattern(regexp = "[0-9]{4}-[0-9]{2}-[0-9]{2}", message = "must be yyyy-MM-dd") String since,
                                   @QueryParam("sinceLastVisit") boolean sinceLastVisit, @Valid @BeanParam PageRequest page) {
        if (sinceLastVisit && householdId == null) {
            throw DomainException.invalid("householdId", "required with sinceLastVisit=true");
        }
        LocalDate from;
        try {
            from = since == null ? null : LocalDate.parse(since);
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalid("since", "must be a date yyyy-MM-dd");
        }
        ListQuery q = ListQuery.scoped(scope.filter("c.region_code", "c.site_code"))
                .and("c.household_id = :h", "h", householdId)
                .and("c.site_code = :site", "site", siteCode)
                .and("c.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("c.changed_on >= :since", "since", from)
                .andIf(sinceLastVisit, "c.changed_on > coalesce((select max(v.visited_on) from visit v where v.household_id = c.household_id), date '1900-01-01')");
        PageResult<Change> p = q.nativePage(em, "c.id, c.placement_id, c.change, c.person_id, c.household_id, c.region_code, c.site_code, "
                        + "c.kind, c.changed_on, c.end_reason, c.household_without_employment", "employment_change c",
                "c.changed_on desc, c.id", page, t -> new Change(t.get("id", UUID.class), t.get("placement_id", UUID.class),
                        t.get("change", String.class), t.get("person_id", UUID.class), t.get("household_id", UUID.class),
                        t.get("region_code", String.class), t.get("site_code", String.class), t.get("kind", String.class),
                        SqlValues.date(t.get("changed_on")), t.get("end_reason", String.class),
                        (Boolean) t.get("household_without_employment")));
        audit.list("employment-change", p.items().stream().map(Change::householdId).distinct().toList(), false,
                "household=" + householdId + ",sinceLastVisit=" + sinceLastVisit);
        return p;
    }
}
