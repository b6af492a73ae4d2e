package cn.resettle.employment.roll;

import cn.resettle.common.security.Roles;
import cn.resettle.employment.web.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/employment/rolls")
@Tag(name = "公益性岗位花名册 Monthly rolls")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class WorkRollResource {

    @Inject
    WorkRollService rolls;

    @POST
    @Operation(summary = "Make the month's roll of a public-welfare post or work-relief employer from its placements active in the month (DRAFT)")
    public Response create(@Valid @NotNull WorkRollService.NewRoll req, @Context UriInfo uri) {
        WorkRollService.RollView v = rolls.create(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/rolls/" + v.id()).build()).entity(v).build();
    }

    @GET
    @Path("{id}")
    public WorkRollService.RollView get(@PathParam("id") UUID id) {
        return rolls.read(id);
    }

    @PUT
    @Path("{id}/lines/{placementId}")
    @Operation(summary = "Days on the post and the amount for one person (DRAFT only; an approved roll is locked: 409 roll-locked)")
    public WorkRollService.RollView line(@PathParam("id") UUID id, @PathParam("placementId") UUID placementId,
                                         @Valid @NotNull WorkRollService.LineUpdate req) {
        return rolls.updateLine(id, placementId, req);
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve and lock the roll; by someone other than its maker (422 four-eyes)")
    public WorkRollService.RollView approve(@PathParam("id") UUID id, @Valid @NotNull WorkRollService.Approve req) {
        return rolls.approve(id, req);
    }

    @GET
    @Path("{id}/roll.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The subsidy/wage roll 补贴发放花名册 of an approved month as Excel")
    public Response export(@PathParam("id") UUID id) {
        return rolls.export(id);
    }
}
