package cn.resettle.community.housing;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.housing.HousingExtensionService.ApplicationView;
import cn.resettle.community.housing.HousingExtensionService.Decision;
import cn.resettle.community.housing.HousingExtensionService.Status;
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

@Path("/api/community/housing-extensions")
@Tag(name = "住房扩建申请 Housing extensions")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class HousingExtensionResource {

    @Inject
    cn.resettle.common.security.PersonalDataAudit audit;

    @Inject
    HousingExtensionService housing;

    @POST
    @Operation(summary = "Record a household's application to extend its house with the conditions (voluntary, own income, no loans: 422 when one is not met); refused (422) for monitoring subjects")
    public Response apply(@Valid @NotNull HousingExtensionService.Application req) {
        return Response.status(201).entity(housing.apply(req)).build();
    }

    @GET
    @Operation(summary = "Applications in your scope by household, status and site")
    public PageResult<ApplicationView> list(@QueryParam("householdId") UUID householdId, @QueryParam("status") Status status,
                                            @QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        PageResult<ApplicationView> result = housing.list(householdId, status, siteCode, page);
        audit.list("housing-extension", result.items().stream().map(ApplicationView::householdId).distinct().toList(), false,
                "householdId=" + householdId + " status=" + status + " siteCode=" + siteCode);
        return result;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One application with its review steps")
    public ApplicationView get(@PathParam("id") UUID id) {
        ApplicationView a = housing.get(id);
        audit.read("housing-extension", a.householdId(), false);
        return a;
    }

    @POST
    @Path("{id}/village-review")
    @Operation(summary = "The village (site community) reviews a pending application: approve passes it to the township, otherwise it is refused")
    public ApplicationView villageReview(@PathParam("id") UUID id, @Valid @NotNull Decision d) {
        return housing.villageReview(id, d);
    }

    @POST
    @Path("{id}/township-decision")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "The township approves or refuses an application the village approved (never for a monitoring subject: 422)")
    public ApplicationView townshipDecision(@PathParam("id") UUID id, @Valid @NotNull Decision d) {
        return housing.townshipDecision(id, d);
    }
}
