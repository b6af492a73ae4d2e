package cn.resettle.community.sitechief;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.sitechief.SiteChiefDtos.AppointRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.ChiefBehind;
import cn.resettle.community.sitechief.SiteChiefDtos.ChiefView;
import cn.resettle.community.sitechief.SiteChiefDtos.EndRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.ProblemView;
import cn.resettle.community.sitechief.SiteChiefDtos.RankedSite;
import cn.resettle.community.sitechief.SiteChiefDtos.Role;
import cn.resettle.community.sitechief.SiteChiefDtos.ScoreRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.SolveRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.VisitDetail;
import cn.resettle.community.sitechief.SiteChiefDtos.VisitRequest;
import cn.resettle.community.sitechief.SiteChiefDtos.VisitView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.YearMonth;
import java.util.UUID;

/** The site-chief system (点长制): chiefs, their visits and who is behind, problems found, quarterly scores and ranking. */
@Path("/api/community/site-chiefs")
@Tag(name = "点长制 Site chiefs")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class SiteChiefResource {

    static final String MONTH = "20[0-9]{2}-(0[1-9]|1[0-2])";
    static final String QUARTER = "20[0-9]{2}-Q[1-4]";

    @Inject
    SiteChiefService chiefs;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Appoint a site's chief or deputy, or the county chief; a new chief ends the serving one's term")
    public Response appoint(@Valid @NotNull AppointRequest req) {
        return Response.status(201).entity(chiefs.appoint(req)).build();
    }

    @GET
    @Operation(summary = "Chiefs in your scope (serving=true by default), by site and role")
    public PageResult<ChiefView> list(@QueryParam("siteCode") String siteCode, @QueryParam("role") Role role,
                                      @QueryParam("serving") @DefaultValue("true") boolean serving,
                                      @Valid @BeanParam PageRequest page) {
        return chiefs.chiefs(siteCode, role, serving, page);
    }

    @POST
    @Path("{id}/end")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "End a chief's term")
    public ChiefView end(@PathParam("id") UUID id, @Valid @NotNull EndRequest req) {
        return chiefs.end(id, req);
    }

    @POST
    @Path("visits")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record a chief's visit to a site with the problems found (each with owner and deadline)")
    public Response visit(@Valid @NotNull VisitRequest req) {
        VisitDetail v = chiefs.visit(req);
        return Response.status(201).entity(v).build();
    }

    @GET
    @Path("visits")
    @Operation(summary = "Chiefs' visits in your scope by month (yyyy-MM) and site")
    public PageResult<VisitView> visits(@QueryParam("month") @Pattern(regexp = MONTH, message = "yyyy-MM") String month,
                                        @QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        return chiefs.visits(month, siteCode, null, page);
    }

    @GET
    @Path("behind")
    @Operation(summary = "Site chiefs and deputies with fewer visits in the month than required (resettle.sitechief.min-visits-per-month, 2)")
    public PageResult<ChiefBehind> behind(@QueryParam("month") @NotNull @Pattern(regexp = MONTH, message = "yyyy-MM") String month,
                                          @Valid @BeanParam PageRequest page) {
        return chiefs.behind(YearMonth.parse(month), page);
    }

    @GET
    @Path("problems")
    @Operation(summary = "Problems found at visits: status OPEN or SOLVED, overdue=true the open ones past their deadline")
    public PageResult<ProblemView> problems(@QueryParam("status") @Pattern(regexp = "OPEN|SOLVED", message = "OPEN or SOLVED") String status,
                                            @QueryParam("overdue") Boolean overdue, @QueryParam("siteCode") String siteCode,
                                            @Valid @BeanParam PageRequest page) {
        return chiefs.problems(status, overdue, siteCode, null, page);
    }

    @POST
    @Path("problems/{id}/solve")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record how a problem was solved")
    public ProblemView solve(@PathParam("id") UUID id, @Valid @NotNull SolveRequest req) {
        return chiefs.solve(id, req);
    }

    @POST
    @Path("scores")
    @RolesAllowed({Roles.COUNTY_ADMIN})
    @Operation(summary = "Record a site's quarterly inspection score (0–100); one per site and quarter")
    public Response score(@Valid @NotNull ScoreRequest req) {
        return Response.status(201).entity(chiefs.score(req)).build();
    }

    @GET
    @Path("ranking")
    @Operation(summary = "The quarter's ranking: each site in your scope with its rank among the county's scored sites, best first")
    public PageResult<RankedSite> ranking(@QueryParam("quarter") @NotNull @Pattern(regexp = QUARTER, message = "yyyy-Qn") String quarter,
                                          @QueryParam("regionCode") String regionCode, @Valid @BeanParam PageRequest page) {
        return chiefs.ranking(quarter, regionCode, page);
    }
}
