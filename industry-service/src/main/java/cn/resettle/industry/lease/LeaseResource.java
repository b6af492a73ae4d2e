package cn.resettle.industry.lease;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.lease.LeaseDtos.LeaseView;
import cn.resettle.industry.lease.LeaseDtos.RentView;
import cn.resettle.industry.web.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.util.List;
import java.util.UUID;

@Path("/api/industry/leases")
@Tag(name = "土地与房屋流转 Land and house leases")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class LeaseResource {

    @Inject
    LeaseService leases;

    @POST
    @Operation(summary = "A relocated household's homestead, farmland, forest land or old house at the origin place leased out "
            + "(流转): lessee, area, rent and term; recorded as a LEASE link, which completes the household's industry-link tasks")
    public Response create(@Valid @NotNull LeaseDtos.NewLease req) {
        LeaseView v = leases.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/leases/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Leases in your scope with the rent paid so far (audited); unpaidYear=2026 lists the active leases "
            + "whose rent of that year is not recorded")
    public PageResult<LeaseView> list(@QueryParam("householdId") UUID householdId,
                                      @QueryParam("assetType") LeaseDtos.AssetType assetType,
                                      @QueryParam("status") LeaseDtos.Status status, @QueryParam("siteCode") String siteCode,
                                      @QueryParam("regionCode") String regionCode,
                                      @QueryParam("unpaidYear") @Min(value = 2000, message = "must be 2000 or later") @Max(value = 2100, message = "must be 2100 or earlier") Integer unpaidYear,
                                      @Valid @BeanParam PageRequest page) {
        return leases.list(new LeaseService.Filter(householdId, assetType, status, siteCode, regionCode, unpaidYear), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One lease (audited)")
    public LeaseView get(@PathParam("id") UUID id) {
        return leases.get(id);
    }

    @POST
    @Path("{id}/terminate")
    @Operation(summary = "The lease ended before its term, with the version read")
    public LeaseView terminate(@PathParam("id") UUID id, @Valid @NotNull LeaseDtos.Terminate req) {
        return leases.terminate(id, req);
    }

    @POST
    @Path("{id}/rents")
    @Operation(summary = "The rent of a year paid to the household (once a year): sent to monitoring as income evidence "
            + "(income.paid, kind RENT)")
    public Response rent(@PathParam("id") UUID id, @Valid @NotNull LeaseDtos.NewRent req) {
        return Response.status(201).entity(leases.payRent(id, req)).build();
    }

    @GET
    @Path("{id}/rents")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Rents paid under the lease, latest year first")
    public PageResult<RentView> rents(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return leases.rents(id, page);
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The lease ledger (土地/房屋流转台账) as .xlsx with the rent of a year (default this year); audited export")
    public Response ledger(@QueryParam("year") @Min(value = 2000, message = "must be 2000 or later") @Max(value = 2100, message = "must be 2100 or earlier") Integer year,
                           @QueryParam("assetType") LeaseDtos.AssetType assetType, @QueryParam("status") LeaseDtos.Status status,
                           @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode) {
        int y = year == null ? LocalDate.now().getYear() : year;
        List<Object[]> rows = leases.ledger(new LeaseService.Filter(null, assetType, status, siteCode, regionCode, null), y);
        String[] headers = {"户编号", "乡镇", "安置点编码", "流转类型", "坐落", "面积(亩)", "流入方", "用途", "合同编号", "年租金(元)",
                "起始日期", "到期日期", "状态", y + "年已付租金(元)", y + "年付款日期", "累计已付租金(元)",
                "终止日期", "终止原因"};
        return Xlsx.of("土地房屋流转台账 " + y, headers, rows, "leases-" + y + ".xlsx");
    }
}
