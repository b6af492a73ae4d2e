package cn.resettle.industry.distribution;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.distribution.DistributionDtos.CycleView;
import cn.resettle.industry.web.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/industry/distributions")
@Tag(name = "资产收益分配 Asset income and distribution")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class DistributionResource {

    @Inject
    DistributionService distributions;

    @POST
    @Operation(summary = "Draft the distribution of a site's asset income for a year with its uses (one per site and year)")
    public Response create(@Valid @NotNull DistributionDtos.NewCycle req) {
        CycleView v = distributions.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/distributions/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Distributions in your scope, latest year first; filter by site, region prefix, year, status")
    public PageResult<CycleView> list(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                      @QueryParam("year") Integer year, @QueryParam("status") DistributionDtos.Status status,
                                      @Valid @BeanParam PageRequest page) {
        return distributions.list(siteCode, regionCode, year, status, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One distribution: income, uses and whether they add up, status")
    public CycleView get(@PathParam("id") UUID id) {
        return distributions.get(id);
    }

    @POST
    @Path("{id}/uses")
    @Operation(summary = "Replace the uses of a draft (the income is re-read from the assets' records)")
    public CycleView uses(@PathParam("id") UUID id, @Valid @NotNull DistributionDtos.SetUses req) {
        return distributions.setUses(id, req);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Approve a draft (someone other than its maker: 422 same-person): the uses must add up to the income "
            + "(422 uses-do-not-add-up); the beneficiary households and their shares (one per active member) are frozen")
    public CycleView approve(@PathParam("id") UUID id, @Valid @NotNull DistributionDtos.Transition req) {
        return distributions.approve(id, req);
    }

    @POST
    @Path("{id}/distribute")
    @Operation(summary = "Pay the dividends: every beneficiary's dividend is recorded as paid and sent to monitoring as income evidence (income.paid)")
    public CycleView distribute(@PathParam("id") UUID id, @Valid @NotNull DistributionDtos.Distribute req) {
        return distributions.distribute(id, req);
    }

    @POST
    @Path("{id}/close")
    @Operation(summary = "Close a distributed cycle")
    public CycleView close(@PathParam("id") UUID id, @Valid @NotNull DistributionDtos.Transition req) {
        return distributions.close(id, req);
    }

    @GET
    @Path("{id}/shares")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The frozen beneficiary households with shares and dividend (audited)")
    public PageResult<DistributionDtos.ShareView> shares(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return distributions.shares(id, page);
    }

    @GET
    @Path("{id}/plan.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The distribution plan (收益分配方案) as Excel: income, uses, every beneficiary household with shares and dividend")
    public Response plan(@PathParam("id") UUID id) {
        String[] headers = {"类别", "项目/户编号", "股数", "金额(元)", "状态"};
        return Xlsx.of("收益分配方案", headers, distributions.plan(id), "distribution-plan-" + id + ".xlsx");
    }
}
