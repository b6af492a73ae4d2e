package cn.resettle.industry.asset;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.asset.AssetDtos.AssetView;
import cn.resettle.industry.asset.AssetDtos.ChangeView;
import cn.resettle.industry.web.IndustryConfig;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/api/industry/assets")
@Tag(name = "扶贫项目资产 Project assets")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class AssetResource {

    @Inject
    AssetService assets;
    @Inject
    IndustryConfig config;
    @Inject
    PersonalDataAudit audit;
    @Inject
    cn.resettle.industry.distribution.DistributionService distributions;

    // income of an operating asset: here because JAX-RS picks this class for every /api/industry/assets/... path
    @POST
    @Path("{id}/income")
    @Operation(summary = "Record income of an operating asset for a year (422 not-operating; 409 once the site's distribution of that year is approved)")
    public Response income(@PathParam("id") UUID id, @Valid @NotNull cn.resettle.industry.distribution.DistributionDtos.NewIncome req) {
        return Response.status(201).entity(distributions.addIncome(id, req)).build();
    }

    @GET
    @Path("{id}/income")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The asset's income, latest first")
    public PageResult<cn.resettle.industry.distribution.DistributionDtos.IncomeView> incomes(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return distributions.incomes(id, page);
    }


    @POST
    @Operation(summary = "Register a project asset at a site of your area (status IN_USE); residual rate defaults to 5 %")
    public Response create(@Valid @NotNull AssetDtos.NewAsset req) {
        AssetView v = assets.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/assets/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Assets in your scope with maintenance due date and depreciation as of a date (default today); filter by site, region prefix, kind, status, funding source")
    public PageResult<AssetView> list(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                      @QueryParam("kind") AssetEnums.Kind kind, @QueryParam("status") AssetEnums.Status status,
                                      @QueryParam("fundingSource") AssetEnums.FundingSource fundingSource,
                                      @QueryParam("asOf") LocalDate asOf, @Valid @BeanParam PageRequest page) {
        return assets.list(new AssetService.Filter(siteCode, regionCode, kind, status, fundingSource),
                asOf == null ? LocalDate.now() : asOf, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One asset; depreciation as of asOf (default today): straight line by whole months down to the residual value")
    public AssetView get(@PathParam("id") UUID id, @QueryParam("asOf") LocalDate asOf) {
        return assets.get(id, asOf == null ? LocalDate.now() : asOf);
    }

    @POST
    @Path("{id}/maintenance")
    @Operation(summary = "Record maintenance (管护): paid from the asset's maintenance fund; moves the next due date")
    public Response maintain(@PathParam("id") UUID id, @Valid @NotNull AssetDtos.NewMaintenance req) {
        return Response.status(201).entity(assets.maintain(id, req)).build();
    }

    @GET
    @Path("maintenance-due")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Assets whose maintenance is due within withinDays (default resettle.industry.maintenance-due-within-days) "
            + "of asOf, or overdue=true: only those past their date")
    public PageResult<AssetDtos.MaintenanceDue> maintenanceDue(@QueryParam("asOf") LocalDate asOf,
                                                              @QueryParam("withinDays") Integer withinDays,
                                                              @QueryParam("overdue") boolean overdue,
                                                              @QueryParam("siteCode") String siteCode,
                                                              @QueryParam("regionCode") String regionCode,
                                                              @Valid @BeanParam PageRequest page) {
        int within = withinDays == null ? config.maintenanceDueWithinDays() : withinDays;
        if (within < 0 || within > 3660) {
            throw cn.resettle.common.problem.DomainException.invalid("withinDays", "must be between 0 and 3660");
        }
        return assets.maintenanceDue(asOf == null ? LocalDate.now() : asOf, within, siteCode, regionCode, overdue, page);
    }

    @POST
    @Path("{id}/changes")
    @Operation(summary = "Propose a change (value, custodian, ownership, status) or the disposal of the asset; applied when someone else approves it")
    public Response propose(@PathParam("id") UUID id, @Valid @NotNull AssetDtos.NewChange req) {
        return Response.status(201).entity(assets.propose(id, req)).build();
    }

    @GET
    @Path("{id}/changes")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The asset's changes, oldest first")
    public PageResult<ChangeView> changes(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return assets.changesOf(id, page);
    }

    @GET
    @Path("changes/pending")
    @Operation(summary = "Changes waiting for approval in your scope, oldest first")
    public PageResult<ChangeView> pending(@Valid @BeanParam PageRequest page) {
        return assets.pending(page);
    }

    @POST
    @Path("changes/{changeId}/approve")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER})
    @Operation(summary = "Approve a proposed change (county level; 422 same-person when you proposed it): applied to the asset")
    public ChangeView approve(@PathParam("changeId") UUID changeId, @Valid @NotNull AssetDtos.Decision req) {
        return assets.approve(changeId, req);
    }

    @POST
    @Path("changes/{changeId}/reject")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER})
    @Operation(summary = "Reject a proposed change with a note (someone other than the proposer)")
    public ChangeView reject(@PathParam("changeId") UUID changeId, @Valid @NotNull AssetDtos.Decision req) {
        return assets.reject(changeId, req);
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Asset ledger (扶贫项目资产台账) as .xlsx: every asset of the filter with depreciation as of asOf (default today)")
    public Response ledger(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                           @QueryParam("kind") AssetEnums.Kind kind, @QueryParam("status") AssetEnums.Status status,
                           @QueryParam("asOf") LocalDate asOf) {
        LocalDate on = asOf == null ? LocalDate.now() : asOf;
        List<ProjectAsset> all = assets.all(new AssetService.Filter(siteCode, regionCode, kind, status, null));
        audit.export("project-asset", all.size(), "site=" + siteCode + ",region=" + regionCode + ",kind=" + kind);
        List<Object[]> rows = new ArrayList<>(all.size());
        for (ProjectAsset a : all) {
            ProjectAsset.Depreciation d = a.depreciation(on);
            rows.add(new Object[]{a.assetNo, a.name, a.kind.label(), a.category.label(), a.siteCode, a.regionCode, a.owner,
                    a.ownershipCertified ? "已确权" : "未确权", a.value, a.fundingSource.label(), a.completedOn.toString(),
                    a.usefulLifeYears, d.accumulated(), d.netValue(), a.custodian, a.maintenanceFund,
                    a.lastMaintainedOn == null ? null : a.lastMaintainedOn.toString(), a.maintenanceDue().toString(),
                    a.status.label()});
        }
        String[] headers = {"资产编号", "资产名称", "资产类别", "资产类型", "安置点", "乡镇", "所有权人", "确权", "原值(元)",
                "资金来源", "建成日期", "使用年限", "累计折旧(元) 截至" + on, "净值(元)", "管护主体", "管护资金余额(元)",
                "上次管护", "下次管护", "状态"};
        return Xlsx.of("扶贫项目资产台账", headers, rows, "asset-ledger-" + on + ".xlsx");
    }
}
