package cn.resettle.employment.placement;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.placement.PlacementDtos.PlacementView;
import cn.resettle.employment.tasks.Workforce.EmploymentKind;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/employment/placements")
@Tag(name = "就业安置 Placements")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class PlacementResource {

    @Inject
    PlacementService placements;

    @POST
    @Operation(summary = "A person starts work (employer or posting, start, kind, wage, contract); completes the household's job-matching tasks; announces placement.started")
    public Response start(@Valid @NotNull PlacementDtos.Start req, @Context UriInfo uri) {
        PlacementView v = placements.start(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/placements/" + v.id()).build()).entity(v).build();
    }

    @GET
    @Operation(summary = "Placements in your scope, newest start first; filter by person, household, status (ACTIVE, ENDED), kind, site, region")
    public PageResult<PlacementView> list(@QueryParam("personId") UUID personId, @QueryParam("householdId") UUID householdId,
                                          @QueryParam("status") String status, @QueryParam("kind") String kind,
                                          @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                          @Valid @BeanParam PageRequest page) {
        return placements.list(new PlacementService.Filter(personId, householdId,
                cn.resettle.employment.web.Params.code(PlacementDtos.Status.class, status, "status"),
                cn.resettle.employment.web.Params.code(EmploymentKind.class, kind, "kind"), siteCode, regionCode), page);
    }

    @GET
    @Path("{id}")
    public PlacementView get(@PathParam("id") UUID id) {
        return placements.read(id);
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End of employment with a reason; if nobody of the household is employed any more, monitoring is warned (job.lost → JOB_LOSS risk)")
    public PlacementView end(@PathParam("id") UUID id, @Valid @NotNull PlacementDtos.End req) {
        return placements.end(id, req);
    }
}
