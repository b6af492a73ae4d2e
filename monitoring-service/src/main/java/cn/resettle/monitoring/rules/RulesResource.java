package cn.resettle.monitoring.rules;

import cn.resettle.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

@Path("/api/monitoring/rules")
@Tag(name = "监测规则 Risk rules")
public class RulesResource {

    @Inject
    RuleSetService rules;

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
    @Operation(summary = "The rule set in force for a region and year (the most specific one configured, else the defaults)")
    public RuleSet get(@QueryParam("regionCode") @NotNull String regionCode, @QueryParam("year") Integer year) {
        return rules.resolve(regionCode, year == null ? LocalDate.now().getYear() : year);
    }

    @PUT
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(summary = "Set a region's income line, drop ratio, thresholds and time limits for a year")
    public RuleSet put(@Valid @NotNull RuleSetService.RuleSetRequest req) {
        return rules.put(req);
    }
}
