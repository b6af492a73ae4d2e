package cn.resettle.industry.link;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/industry/links")
@Tag(name = "联农带农 Household links")
public class LinkResource {

    @Inject
    LinkService links;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Link a household to a workshop job, a cooperative, a dividend or a lease; the household's open "
            + "industry-link tasks are completed (task.completed → monitoring marks the measure done)")
    public Response record(@Valid @NotNull LinkDtos.NewLink req) {
        return Response.status(201).entity(links.record(req)).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Links in your scope, newest first; filter by household, kind, workshop, site, region prefix (audited)")
    public PageResult<LinkDtos.LinkView> list(@QueryParam("householdId") UUID householdId,
                                             @QueryParam("kind") LinkDtos.Kind kind,
                                             @QueryParam("workshopId") UUID workshopId,
                                             @QueryParam("siteCode") String siteCode,
                                             @QueryParam("regionCode") String regionCode,
                                             @Valid @BeanParam PageRequest page) {
        return links.list(new LinkService.Filter(householdId, kind, workshopId, siteCode, regionCode), page);
    }
}
