package cn.resettle.monitoring.risk;

import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.risk.RiskDtos.EliminateRequest;
import cn.resettle.monitoring.risk.RiskDtos.RiskView;
import cn.resettle.monitoring.risk.RiskEnums.Status;
import cn.resettle.monitoring.rules.RiskCategory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/monitoring/risks")
@Tag(name = "风险与帮扶计划 Risks and assistance plans")
public class RiskResource {

    @Inject
    RiskService risks;
    @Inject
    DataScope scope;

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
    @Operation(summary = "Risks in your scope with their plans, paged; filter by status, category, site, region, household; "
            + "unassigned=true: open risks older than the routing window (resettle.monitoring.routing-window) for which no "
            + "service has opened a task yet, oldest first")
    public PageResult<RiskView> list(@QueryParam("status") Status status, @QueryParam("category") RiskCategory category,
                                     @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                     @QueryParam("householdId") UUID householdId, @QueryParam("unassigned") Boolean unassigned,
                                     @Valid @BeanParam PageRequest page) {
        return risks.list(new RiskService.Filter(status, category, siteCode, regionCode, householdId,
                Boolean.TRUE.equals(unassigned)), page, scope);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
    @Operation(summary = "A risk with its assistance plan: each measure, its department, deadline and state")
    public RiskView get(@PathParam("id") UUID id) {
        return risks.get(id, scope);
    }

    @POST
    @RolesAllowed({Roles.SITE_WORKER, Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    @Operation(summary = "Cadre verification (基层干部排查): flag a difficulty found on the ground for a household in your scope")
    public jakarta.ws.rs.core.Response flag(@Valid @NotNull RiskDtos.CadreFinding req) {
        return jakarta.ws.rs.core.Response.status(201).entity(risks.flagByCadre(req, scope)).build();
    }

    @POST
    @Path("{id}/eliminate")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Eliminate the risk: refused (422 measures-not-done) until the plan has measures and every one is done, "
            + "unless the request gives a reason (recorded on the risk with who and when, and audited); for households able to "
            + "work also until income has stayed above the line for the configured months (422 income-not-stable); without "
            + "labour capacity the household moves to long-term monitoring with a social-assistance referral. The tasks "
            + "still open elsewhere are cancelled by the event.")
    public RiskView eliminate(@PathParam("id") UUID id, @Valid @NotNull EliminateRequest req) {
        return risks.eliminate(id, req.version(), req.reason(), scope);
    }
}
