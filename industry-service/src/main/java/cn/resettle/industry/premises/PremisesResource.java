package cn.resettle.industry.premises;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.premises.PremisesDtos.PremisesView;
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

import java.util.List;
import java.util.UUID;

@Path("/api/industry/premises")
@Tag(name = "闲置用房 Idle premises")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class PremisesResource {

    @Inject
    PremisesService premises;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Operation(summary = "List premises standing idle at a site (ground-floor garage, shop, factory building) for workshops")
    public Response create(@Valid @NotNull PremisesDtos.NewPremises req) {
        PremisesView v = premises.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/premises/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Premises in your scope; status=IDLE lists those free for a workshop; filter by site, region prefix, kind")
    public PageResult<PremisesView> list(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                         @QueryParam("status") PremisesDtos.Status status,
                                         @QueryParam("kind") PremisesDtos.Kind kind, @Valid @BeanParam PageRequest page) {
        return premises.list(new PremisesService.Filter(siteCode, regionCode, status, kind), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One listing")
    public PremisesView get(@PathParam("id") UUID id) {
        return premises.get(id);
    }

    @POST
    @Path("{id}/allocate")
    @Operation(summary = "A workshop moves into the idle premises (with the version read)")
    public PremisesView allocate(@PathParam("id") UUID id, @Valid @NotNull PremisesDtos.Allocate req) {
        return premises.allocate(id, req);
    }

    @POST
    @Path("{id}/release")
    @Operation(summary = "The workshop moved out: the premises are idle again (with the version read)")
    public PremisesView release(@PathParam("id") UUID id, @Valid @NotNull PremisesDtos.Release req) {
        return premises.release(id, req);
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The premises ledger (安置点闲置用房台账) as .xlsx")
    public Response ledger(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                           @QueryParam("status") PremisesDtos.Status status, @QueryParam("kind") PremisesDtos.Kind kind) {
        List<Object[]> rows = premises.ledger(new PremisesService.Filter(siteCode, regionCode, status, kind));
        audit.export("premises", rows.size(), "site=" + siteCode + ",region=" + regionCode + ",status=" + status);
        String[] headers = {"安置点编码", "乡镇", "类型", "位置", "面积(㎡)", "产权人", "月租金(元)", "状态", "使用车间", "使用起始",
                "闲置起始", "备注"};
        return Xlsx.of("安置点闲置用房台账", headers, rows, "premises.xlsx");
    }
}
