package cn.resettle.monitoring.declaration;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.declaration.DeclarationService.DeclarationView;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/monitoring/declarations")
@Tag(name = "自主申报 Self-declarations")
public class DeclarationResource {

    @Inject
    DeclarationService declarations;

    @POST
    @RolesAllowed(Roles.RESIDENT)
    @Operation(summary = "A resident declares a difficulty for their own household (from the phone)")
    public Response declare(@Valid @NotNull DeclarationService.DeclarationRequest req) {
        return Response.status(201).entity(declarations.declare(req)).build();
    }

    @GET
    @RolesAllowed({Roles.SITE_WORKER, Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER})
    @Operation(summary = "Declarations in your scope; overdue=true lists those not acknowledged in time")
    public PageResult<DeclarationView> list(@QueryParam("status") DeclarationService.Status status,
                                            @QueryParam("overdue") Boolean overdue, @Valid @BeanParam PageRequest page) {
        return declarations.list(status, overdue, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.RESIDENT, Roles.SITE_WORKER, Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER})
    public DeclarationView get(@PathParam("id") UUID id) {
        return declarations.get(id, false);
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({Roles.SITE_WORKER, Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    @Operation(summary = "Acknowledge a declaration: the declared difficulty is flagged as a risk")
    public DeclarationView acknowledge(@PathParam("id") UUID id, @Valid @NotNull DeclarationService.Acknowledge req) {
        return declarations.acknowledge(id, req.version());
    }
}
