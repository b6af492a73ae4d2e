package cn.resettle.monitoring.visit;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.visit.VisitDtos.Unvisited;
import cn.resettle.monitoring.visit.VisitDtos.VisitRequest;
import cn.resettle.monitoring.visit.VisitDtos.VisitResult;
import cn.resettle.monitoring.visit.VisitDtos.VisitView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/monitoring/visits")
@Tag(name = "每月回访 Monthly visits")
public class VisitResource {

    @Inject
    VisitService visits;

    @POST
    @RolesAllowed({Roles.SITE_WORKER, Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    @Operation(summary = "Record a monthly visit; the risk rules of the household's region run on it and flag risks")
    public Response record(@Valid @NotNull VisitRequest req) {
        VisitResult r = visits.record(req);
        return Response.status(201).entity(r).build();
    }

    @GET
    @RolesAllowed({Roles.SITE_WORKER, Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.SYSTEM})
    @Operation(summary = "Visits in your scope, paged; filter by month, site, household")
    public PageResult<VisitView> list(@QueryParam("month") @Pattern(regexp = "20[0-9]{2}-(0[1-9]|1[0-2])") String month,
                                      @QueryParam("siteCode") String siteCode, @QueryParam("householdId") UUID householdId,
                                      @Valid @BeanParam PageRequest page) {
        return visits.list(month, siteCode, householdId, page);
    }

    @GET
    @Path("unvisited")
    @RolesAllowed({Roles.SITE_WORKER, Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER})
    @Operation(summary = "Households not yet visited in the month (centralized and dispersed), per site if given")
    public PageResult<Unvisited> unvisited(@QueryParam("month") @NotNull @Pattern(regexp = "20[0-9]{2}-(0[1-9]|1[0-2])") String month,
                                           @QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        return visits.unvisited(month, siteCode, page);
    }
}
