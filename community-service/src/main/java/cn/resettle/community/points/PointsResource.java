package cn.resettle.community.points;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.points.PointsService.AwardRequest;
import cn.resettle.community.points.PointsService.AwardStatus;
import cn.resettle.community.points.PointsService.AwardView;
import cn.resettle.community.points.PointsService.Balance;
import cn.resettle.community.points.PointsService.Decision;
import cn.resettle.community.points.PointsService.GoodsRequest;
import cn.resettle.community.points.PointsService.GoodsView;
import cn.resettle.community.points.PointsService.RedemptionRequest;
import cn.resettle.community.points.PointsService.Restock;
import cn.resettle.community.points.PointsService.RuleRequest;
import cn.resettle.community.points.PointsService.RuleView;
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

/** The points supermarket 积分超市 of each site. */
@Path("/api/community/points")
@Tag(name = "积分超市 Points supermarket")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class PointsResource {

    @Inject
    cn.resettle.common.security.PersonalDataAudit audit;

    @Inject
    PointsService points;

    @POST
    @Path("rules")
    @Operation(summary = "Add a site's rule for earning points (activity, conduct, environment, volunteering …)")
    public Response addRule(@Valid @NotNull RuleRequest req) {
        return Response.status(201).entity(points.addRule(req)).build();
    }

    @GET
    @Path("rules")
    @Operation(summary = "The rules of the sites in your scope")
    public PageResult<RuleView> rules(@QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        return points.rules(siteCode, page);
    }

    @POST
    @Path("awards")
    @Operation(summary = "Propose points for a household (by a rule, or points with a reason); they count once approved")
    public Response propose(@Valid @NotNull AwardRequest req) {
        return Response.status(201).entity(points.propose(req)).build();
    }

    @POST
    @Path("awards/{id}/decision")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})   // a site's workers propose; the township or county approves
    @Operation(summary = "Approve or reject a proposed award; not by who proposed it (422 same-person)")
    public AwardView decide(@PathParam("id") UUID id, @Valid @NotNull Decision d) {
        return points.decide(id, d);
    }

    @GET
    @Path("awards")
    @Operation(summary = "Awards in your scope by household, status and site")
    public PageResult<AwardView> awards(@QueryParam("householdId") UUID householdId, @QueryParam("status") AwardStatus status,
                                        @QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        PageResult<AwardView> result = points.awards(householdId, status, siteCode, page);
        audit.list("points-award", result.items().stream().map(AwardView::householdId).distinct().toList(), false,
                "householdId=" + householdId + " status=" + status + " siteCode=" + siteCode);
        return result;
    }

    @POST
    @Path("goods")
    @Operation(summary = "Add goods to a site's points supermarket with their price in points and stock")
    public Response addGoods(@Valid @NotNull GoodsRequest req) {
        return Response.status(201).entity(points.addGoods(req)).build();
    }

    @POST
    @Path("goods/{id}/restock")
    @Operation(summary = "Add stock")
    public GoodsView restock(@PathParam("id") UUID id, @Valid @NotNull Restock req) {
        return points.restock(id, req);
    }

    @GET
    @Path("goods")
    @Operation(summary = "Goods of the sites in your scope with stock")
    public PageResult<GoodsView> goods(@QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        return points.goodsList(siteCode, page);
    }

    @POST
    @Path("redemptions")
    @Operation(summary = "A household redeems goods of its site: 422 insufficient-points or out-of-stock; answers the new balance")
    public Response redeem(@Valid @NotNull RedemptionRequest req) {
        return Response.status(201).entity(points.redeem(req)).build();
    }

    @GET
    @Path("balance/{householdId}")
    @Operation(summary = "A household's points: earned (approved), spent, balance, pending approval")
    public Balance balance(@PathParam("householdId") UUID householdId) {
        Balance b = points.balance(householdId);
        audit.read("points-balance", b.householdId(), false);
        return b;
    }

    @GET
    @Path("balance")
    @RolesAllowed(Roles.RESIDENT)
    @Operation(summary = "The resident's own household's points")
    public Balance own() {
        Balance b = points.ownBalance();
        audit.read("points-balance", b.householdId(), false);
        return b;
    }
}
