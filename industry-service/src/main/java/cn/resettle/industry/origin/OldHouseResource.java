package cn.resettle.industry.origin;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.origin.OriginDtos.OldHouseView;
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

@Path("/api/industry/old-houses")
@Tag(name = "旧房拆除复垦 Old houses at the origin place")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class OldHouseResource {

    @Inject
    OriginService origin;

    @POST
    @Operation(summary = "A relocated household's old house at the origin place, to be demolished (应拆尽拆)")
    public Response register(@Valid @NotNull OriginDtos.NewOldHouse req) {
        OldHouseView v = origin.register(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/old-houses/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Old houses in your scope (audited); pending=true lists those not demolished or not yet reclaimed")
    public PageResult<OldHouseView> list(@QueryParam("householdId") UUID householdId,
                                         @QueryParam("status") OriginDtos.HouseStatus status,
                                         @QueryParam("pending") Boolean pending, @QueryParam("siteCode") String siteCode,
                                         @QueryParam("regionCode") String regionCode, @Valid @BeanParam PageRequest page) {
        return origin.houses(new OriginService.HouseFilter(householdId, status, pending, siteCode, regionCode), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One old house (audited)")
    public OldHouseView get(@PathParam("id") UUID id) {
        return origin.getHouse(id);
    }

    @POST
    @Path("{id}/demolished")
    @Operation(summary = "The house was demolished, with the version read")
    public OldHouseView demolished(@PathParam("id") UUID id, @Valid @NotNull OriginDtos.Demolished req) {
        return origin.demolished(id, req);
    }

    @POST
    @Path("{id}/reclaimed")
    @Operation(summary = "The demolished house's plot reclaimed as farmland (复垦) or regreened (复绿), with its area")
    public OldHouseView reclaimed(@PathParam("id") UUID id, @Valid @NotNull OriginDtos.Reclaimed req) {
        return origin.reclaimed(id, req);
    }

    @POST
    @Path("{id}/retained")
    @Operation(summary = "An attached house or one worth keeping taken back by the village collective, marked and sealed "
            + "(收回村集体统一管理, 贴好标识和封条) instead of demolished")
    public OldHouseView retained(@PathParam("id") UUID id, @Valid @NotNull OriginDtos.Retained req) {
        return origin.retained(id, req);
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The old-house demolition and reclamation ledger (旧房拆除复垦台账) as .xlsx; audited export")
    public Response ledger(@QueryParam("status") OriginDtos.HouseStatus status, @QueryParam("pending") Boolean pending,
                           @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode) {
        String[] headers = {"户编号", "乡镇", "安置点编码", "旧房坐落", "面积(㎡)", "状态", "拆除日期", "复垦复绿日期", "方式",
                "复垦面积(亩)", "保留原因", "封存日期", "备注"};
        return Xlsx.of("旧房拆除复垦台账", headers,
                origin.houseLedger(new OriginService.HouseFilter(null, status, pending, siteCode, regionCode)), "old-houses.xlsx");
    }
}
