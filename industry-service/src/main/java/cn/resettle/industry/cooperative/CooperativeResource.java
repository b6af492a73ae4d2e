package cn.resettle.industry.cooperative;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.web.ScopedPage;
import cn.resettle.industry.cooperative.CooperativeDtos.CooperativeView;
import cn.resettle.industry.cooperative.CooperativeDtos.IncomeView;
import cn.resettle.industry.cooperative.CooperativeDtos.MemberView;
import cn.resettle.industry.cooperative.CooperativeDtos.SiteCollectiveEconomy;
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

@Path("/api/industry/cooperatives")
@Tag(name = "合作社与集体经济组织 Cooperatives and collective economic organisations")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class CooperativeResource {

    @Inject
    CooperativeService cooperatives;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Operation(summary = "Register a cooperative or the collective economic organisation of a site in your area")
    public Response create(@Valid @NotNull CooperativeDtos.NewCooperative req) {
        CooperativeView v = cooperatives.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/cooperatives/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Cooperatives and collective organisations in your scope with member households, shares and this "
            + "year's income; filter by kind, site, region prefix, status, name")
    public PageResult<CooperativeView> list(@QueryParam("kind") CooperativeDtos.Kind kind, @QueryParam("siteCode") String siteCode,
                                            @QueryParam("regionCode") String regionCode,
                                            @QueryParam("status") CooperativeDtos.Status status, @QueryParam("name") String name,
                                            @Valid @BeanParam PageRequest page) {
        return cooperatives.list(new CooperativeService.Filter(kind, siteCode, regionCode, status, name), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One cooperative or collective organisation")
    public CooperativeView get(@PathParam("id") UUID id) {
        return cooperatives.get(id);
    }

    @POST
    @Path("{id}/dissolve")
    @Operation(summary = "The organisation was dissolved (注销), with the version read: its members leave it")
    public CooperativeView dissolve(@PathParam("id") UUID id, @Valid @NotNull CooperativeDtos.Dissolve req) {
        return cooperatives.dissolve(id, req);
    }

    @POST
    @Path("{id}/members")
    @Operation(summary = "A relocated household joins with its shares: recorded as a COOPERATIVE link, which completes the "
            + "household's open industry-link tasks")
    public Response join(@PathParam("id") UUID id, @Valid @NotNull CooperativeDtos.NewMember req) {
        return Response.status(201).entity(cooperatives.join(id, req)).build();
    }

    @POST
    @Path("{id}/members/{memberId}/left")
    @Operation(summary = "The member household left")
    public MemberView left(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId,
                           @Valid @NotNull CooperativeDtos.MemberLeft req) {
        return cooperatives.left(id, memberId, req);
    }

    @GET
    @Path("{id}/members")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Member households in your scope with shares and share ratio (the read is audited; members whose household is outside your scope only as householdsOutsideScope); includeLeft=true adds those who left")
    public ScopedPage<MemberView> members(@PathParam("id") UUID id, @QueryParam("includeLeft") boolean includeLeft,
                                          @Valid @BeanParam PageRequest page) {
        return cooperatives.members(id, includeLeft, page);
    }

    @POST
    @Path("{id}/income")
    @Operation(summary = "Record income of the organisation for a year (a collective organisation's income is the site's collective income)")
    public Response income(@PathParam("id") UUID id, @Valid @NotNull CooperativeDtos.NewIncome req) {
        return Response.status(201).entity(cooperatives.addIncome(id, req)).build();
    }

    @GET
    @Path("{id}/income")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The organisation's income, latest first; filter by year")
    public PageResult<IncomeView> incomes(@PathParam("id") UUID id,
                                          @QueryParam("year") @Min(value = 2000, message = "must be 2000 or later") @Max(value = 2100, message = "must be 2100 or earlier") Integer year,
                                          @Valid @BeanParam PageRequest page) {
        return cooperatives.incomes(id, year, page);
    }

    @GET
    @Path("collective-economy")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Per site in your scope, a year's collective income (its collective organisations' income) against "
            + "the configured target and the 'collective economy' type (a collective organisation, cooperatives, the type's "
            + "income); belowTarget=true lists the sites short of the target (default year: this year)")
    public PageResult<SiteCollectiveEconomy> economy(@QueryParam("year") @Min(value = 2000, message = "must be 2000 or later") @Max(value = 2100, message = "must be 2100 or earlier") Integer year,
                                                     @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                                     @QueryParam("belowTarget") Boolean belowTarget, @Valid @BeanParam PageRequest page) {
        return cooperatives.economy(year == null ? LocalDate.now().getYear() : year, siteCode, regionCode, belowTarget, page);
    }

    @GET
    @Path("collective-economy.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The sites' collective economy of a year (安置点集体经济收入台账) as .xlsx")
    public Response economyLedger(@QueryParam("year") @Min(value = 2000, message = "must be 2000 or later") @Max(value = 2100, message = "must be 2100 or earlier") Integer year,
                                  @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode) {
        int y = year == null ? LocalDate.now().getYear() : year;
        List<SiteCollectiveEconomy> sites = cooperatives.economyLedger(y, siteCode, regionCode);
        audit.export("collective-economy", sites.size(), "year=" + y + ",site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"安置点编码", "安置点", "乡镇", "年度", "集体经济组织数", "合作社数", "成员户数", "集体经济收入(元)",
                "合作社收入(元)", "收入目标(元)", "是否达标", "集体经济型目标(元)", "是否达到集体经济型"};
        List<Object[]> rows = sites.stream().map(s -> new Object[]{s.siteCode(), s.siteName(), s.regionCode(), s.year(),
                s.collectiveOrganisations(), s.cooperatives(), s.memberHouseholds(), s.collectiveIncome(), s.cooperativeIncome(),
                s.incomeTarget(), s.meetsIncomeTarget() ? "是" : "否", s.collectiveEconomyTypeTarget(),
                s.meetsCollectiveEconomyType() ? "是" : "否"}).toList();
        return Xlsx.of("安置点集体经济收入台账 " + y, headers, rows, "collective-economy-" + y + ".xlsx");
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Cooperative and collective organisation ledger (合作社与集体经济组织台账) as .xlsx with a year's income")
    public Response ledger(@QueryParam("year") @Min(value = 2000, message = "must be 2000 or later") @Max(value = 2100, message = "must be 2100 or earlier") Integer year,
                           @QueryParam("kind") CooperativeDtos.Kind kind, @QueryParam("siteCode") String siteCode,
                           @QueryParam("regionCode") String regionCode) {
        int y = year == null ? LocalDate.now().getYear() : year;
        List<Object[]> rows = cooperatives.ledger(y, kind, siteCode, regionCode);
        audit.export("cooperative", rows.size(), "year=" + y + ",kind=" + kind + ",site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"名称", "类型", "安置点编码", "安置点", "乡镇", "统一社会信用代码", "负责人", "经营范围", "成立日期", "状态",
                "成员户数", "股份合计", "年度收入(元)"};
        return Xlsx.of("合作社与集体经济组织台账 " + y, headers, rows, "cooperatives-" + y + ".xlsx");
    }
}
