package cn.resettle.industry.origin;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.origin.OriginDtos.SeasonalReturnView;
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
import java.util.UUID;

/** 002 item 29: the site registers who returns for a season to farm or breed at the origin place, with a signed commitment. */
@Path("/api/industry/seasonal-returns")
@Tag(name = "季节性返乡登记 Seasonal returns to the origin place")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class SeasonalReturnResource {

    @Inject
    OriginService origin;

    @POST
    @Operation(summary = "A relocated person returning for a season to farm or breed at the origin place, registered at the "
            + "site with the date they signed the commitment to live in safe housing meanwhile (登记备案, 签订承诺书)")
    public Response register(@Valid @NotNull OriginDtos.NewSeasonalReturn req) {
        SeasonalReturnView v = origin.registerReturn(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/seasonal-returns/" + v.id()).build();
    }

    @GET
    @Operation(summary = "Seasonal returns in your scope (audited); awayOn=2026-05-01 lists who is away at the origin place that day")
    public PageResult<SeasonalReturnView> list(@QueryParam("householdId") UUID householdId,
                                               @QueryParam("status") OriginDtos.ReturnStatus status,
                                               @QueryParam("awayOn") LocalDate awayOn, @QueryParam("siteCode") String siteCode,
                                               @QueryParam("regionCode") String regionCode, @Valid @BeanParam PageRequest page) {
        return origin.returns(new OriginService.ReturnFilter(householdId, status, awayOn, siteCode, regionCode), page);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One seasonal return (audited)")
    public SeasonalReturnView get(@PathParam("id") UUID id) {
        return origin.getReturn(id);
    }

    @POST
    @Path("{id}/back")
    @Operation(summary = "The person is back at the site, with the version read")
    public SeasonalReturnView back(@PathParam("id") UUID id, @Valid @NotNull OriginDtos.Back req) {
        return origin.back(id, req);
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The seasonal-return register (季节性返乡登记备案台账) as .xlsx; audited export")
    public Response ledger(@QueryParam("status") OriginDtos.ReturnStatus status, @QueryParam("siteCode") String siteCode,
                           @QueryParam("regionCode") String regionCode) {
        String[] headers = {"户编号", "乡镇", "安置点编码", "返乡人员", "迁出地坐落", "产业类型", "种养品种", "返乡日期", "预计返回日期",
                "承诺书签订日期", "返乡期间住所", "状态", "回点日期"};
        return Xlsx.of("季节性返乡登记台账", headers,
                origin.returnLedger(new OriginService.ReturnFilter(null, status, null, siteCode, regionCode)), "seasonal-returns.xlsx");
    }
}
