package cn.resettle.community.grid;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.grid.OrganisationDtos.BranchRequest;
import cn.resettle.community.grid.OrganisationDtos.BranchUpdate;
import cn.resettle.community.grid.OrganisationDtos.BranchView;
import cn.resettle.community.grid.OrganisationDtos.BuildingHeadRequest;
import cn.resettle.community.grid.OrganisationDtos.BuildingHeadView;
import cn.resettle.community.grid.OrganisationDtos.CoverRequest;
import cn.resettle.community.grid.OrganisationDtos.CoveredHousehold;
import cn.resettle.community.grid.OrganisationDtos.GridRequest;
import cn.resettle.community.grid.OrganisationDtos.GridView;
import cn.resettle.community.grid.OrganisationDtos.HouseholdGrid;
import cn.resettle.community.grid.OrganisationDtos.WorkerChange;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** A site's organisation: party branch, building heads, grids with their households and grid worker (网格化管理). */
@Path("/api/community/organisation")
@Tag(name = "组织与网格 Organisation and grids")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class OrganisationResource {

    @Inject
    OrganisationService org;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Path("party-branches")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Record a site's party branch (at least resettle.organisation.min-party-members party members; one per site)")
    public Response addBranch(@Valid @NotNull BranchRequest req) {
        return Response.status(201).entity(org.addBranch(req)).build();
    }

    @PUT
    @Path("party-branches/{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Change a party branch's secretary or member count (with the version read)")
    public BranchView updateBranch(@PathParam("id") UUID id, @Valid @NotNull BranchUpdate req) {
        return org.updateBranch(id, req);
    }

    @GET
    @Path("party-branches")
    @Operation(summary = "Party branches of the sites in your scope")
    public PageResult<BranchView> branches(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                           @Valid @BeanParam PageRequest page) {
        return org.branches(siteCode, regionCode, page);
    }

    @POST
    @Path("building-heads")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Appoint a building head (楼栋长); a new head of the building ends the serving one's term")
    public Response appointHead(@Valid @NotNull BuildingHeadRequest req) {
        return Response.status(201).entity(org.appointHead(req)).build();
    }

    @GET
    @Path("building-heads")
    @Operation(summary = "Building heads in your scope (serving=true by default)")
    public PageResult<BuildingHeadView> heads(@QueryParam("siteCode") String siteCode, @QueryParam("building") String building,
                                              @QueryParam("serving") @DefaultValue("true") boolean serving,
                                              @Valid @BeanParam PageRequest page) {
        return org.heads(siteCode, building, serving, null, page);
    }

    @POST
    @Path("grids")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Add a grid (网格) to a site with its grid worker; code unique per site")
    public Response addGrid(@Valid @NotNull GridRequest req) {
        return Response.status(201).entity(org.addGrid(req)).build();
    }

    @GET
    @Path("grids")
    @Operation(summary = "Grids in your scope with their worker and the number of households each covers")
    public PageResult<GridView> grids(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                      @QueryParam("workerUsername") String worker, @Valid @BeanParam PageRequest page) {
        return org.grids(siteCode, regionCode, worker, page);
    }

    @POST
    @Path("grids/{id}/worker")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Hand the grid to a new grid worker; the households' open tasks of the former worker follow")
    public GridView changeWorker(@PathParam("id") UUID id, @Valid @NotNull WorkerChange req) {
        return org.changeWorker(id, req);
    }

    @POST
    @Path("grids/{id}/households")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The grid covers these households of its site from now on (moved from their former grid); their unassigned open tasks go to its worker")
    public GridView cover(@PathParam("id") UUID id, @Valid @NotNull CoverRequest req) {
        return org.cover(id, req);
    }

    @GET
    @Path("grids/{id}/households")
    @Operation(summary = "The households a grid covers")
    public PageResult<CoveredHousehold> covered(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        PageResult<CoveredHousehold> result = org.covered(id, page);
        audit.list("grid-household", result.items().stream().map(CoveredHousehold::householdId).toList(), false, "grid " + id);
        return result;
    }

    @GET
    @Path("households/{householdId}/grid")
    @Operation(summary = "A household's grid and grid worker (who its tasks go to by default)")
    public HouseholdGrid householdGrid(@PathParam("householdId") UUID householdId) {
        HouseholdGrid g = org.householdGrid(householdId);
        audit.read("grid-household", householdId, false);
        return g;
    }

}
