package cn.resettle.community.site;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.site.SiteDtos.SiteRequest;
import cn.resettle.community.site.SiteDtos.SiteUpdate;
import cn.resettle.community.site.SiteDtos.SiteView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/community/sites")
@Tag(name = "安置点 Sites")
public class SiteResource {

    @Inject
    SiteService sites;

    @POST
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(summary = "Register a resettlement site (county administrator, inside their region)")
    public Response register(@Valid @NotNull SiteRequest req) {
        SiteView v = sites.register(req);
        return Response.created(URI.create("/api/community/sites/" + v.id())).entity(v).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Update a site; send the version you read, a stale one gets 409")
    public SiteView update(@PathParam("id") UUID id, @Valid @NotNull SiteUpdate req) {
        return sites.update(id, req);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER, Roles.CIVIL_AFFAIRS_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
    public SiteView get(@PathParam("id") UUID id) {
        return sites.get(id);
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER, Roles.CIVIL_AFFAIRS_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
    @Operation(summary = "Sites in your data scope, paged, filtered by region-code prefix and area type")
    public PageResult<SiteView> list(@QueryParam("regionCode") String regionCode, @QueryParam("areaType") AreaType areaType,
                                     @Valid @BeanParam PageRequest page) {
        return sites.list(regionCode, areaType, page);
    }
}
