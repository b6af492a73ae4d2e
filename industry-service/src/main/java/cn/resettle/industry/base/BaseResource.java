package cn.resettle.industry.base;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.web.ScopedPage;
import cn.resettle.industry.base.BaseDtos.BaseHouseholdView;
import cn.resettle.industry.base.BaseDtos.BaseView;
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

@Path("/api/industry/bases")
@Tag(name = "产业基地与园区 Industry bases and parks")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class BaseResource {

    @Inject
    BaseService bases;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Operation(summary = "Register an industry base or park serving a site of your area (industry, area in mu, investment, enterprises, jobs)")
    public Response create(@Valid @NotNull BaseDtos.NewBase req) {
        BaseView v = bases.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/bases/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Bases and parks in your scope with relocated workers employed and households linked; filter by kind, site, region prefix, industry")
    public PageResult<BaseView> list(@QueryParam("kind") BaseDtos.Kind kind, @QueryParam("siteCode") String siteCode,
                                     @QueryParam("regionCode") String regionCode, @QueryParam("industry") String industry,
                                     @Valid @BeanParam PageRequest page) {
        return bases.list(new BaseService.Filter(kind, siteCode, regionCode, industry), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One base or park")
    public BaseView get(@PathParam("id") UUID id) {
        return bases.get(id);
    }

    @POST
    @Path("{id}/households")
    @Operation(summary = "A relocated household tied to the base (a person employed there, order farming, land put in, other): "
            + "recorded as an INDUSTRY_BASE link, which completes the household's open industry-link tasks")
    public Response link(@PathParam("id") UUID id, @Valid @NotNull BaseDtos.NewHousehold req) {
        return Response.status(201).entity(bases.link(id, req)).build();
    }

    @POST
    @Path("{id}/households/{rowId}/ended")
    @Operation(summary = "The household's tie to the base ended (the person left, the contract ended)")
    public BaseHouseholdView ended(@PathParam("id") UUID id, @PathParam("rowId") UUID rowId, @Valid @NotNull BaseDtos.Ended req) {
        return bases.ended(id, rowId, req);
    }

    @GET
    @Path("{id}/households")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Households in your scope the base employs or links (the read is audited; those outside your scope only as householdsOutsideScope); includeEnded=true adds ended ties")
    public ScopedPage<BaseHouseholdView> households(@PathParam("id") UUID id, @QueryParam("relation") BaseDtos.Relation relation,
                                                    @QueryParam("includeEnded") boolean includeEnded,
                                                    @Valid @BeanParam PageRequest page) {
        return bases.households(id, relation, includeEnded, page);
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Industry base and park ledger (产业基地/园区台账) as .xlsx")
    public Response ledger(@QueryParam("kind") BaseDtos.Kind kind, @QueryParam("siteCode") String siteCode,
                           @QueryParam("regionCode") String regionCode) {
        List<Object[]> rows = bases.ledger(kind, siteCode, regionCode);
        audit.export("industry-base", rows.size(), "kind=" + kind + ",site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"名称", "类型", "安置点编码", "安置点", "乡镇", "主导产业", "面积(亩)", "投资(元)", "入驻企业数",
                "岗位数", "建成日期", "搬迁群众务工人数", "带动户数"};
        return Xlsx.of("产业基地园区台账", headers, rows, "industry-bases.xlsx");
    }
}
