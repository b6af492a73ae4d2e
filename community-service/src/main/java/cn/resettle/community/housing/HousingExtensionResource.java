package cn.resettle.community.housing;

import cn.resettle.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/community/housing-extensions")
@Tag(name = "住房扩建申请 Housing extensions")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class HousingExtensionResource {

    @Inject
    HousingExtensionService housing;

    @POST
    @Operation(summary = "Record a household's application to extend its house; refused (422) for monitoring subjects")
    public Response apply(@Valid @NotNull HousingExtensionService.Application req) {
        return Response.status(201).entity(housing.apply(req)).build();
    }

    @GET
    public List<HousingExtensionService.ApplicationView> list(@QueryParam("householdId") @NotNull UUID householdId) {
        return housing.forHousehold(householdId);
    }
}
