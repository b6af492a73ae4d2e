package cn.resettle.community.safety;

import cn.resettle.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/community/hazards")
@Tag(name = "安全隐患 Safety hazards")
public class HazardResource {

    @Inject
    HazardService hazards;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record a hazard or disaster at a site (the named households, or all of the site's); monitoring flags them")
    public Response record(@Valid @NotNull HazardService.HazardRequest req) {
        return Response.status(201).entity(hazards.record(req)).build();
    }
}
