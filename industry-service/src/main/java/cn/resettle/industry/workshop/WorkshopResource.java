package cn.resettle.industry.workshop;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.link.LinkDtos;
import cn.resettle.industry.link.LinkService;
import cn.resettle.industry.web.Xlsx;
import cn.resettle.industry.workshop.WorkshopDtos.CheckView;
import cn.resettle.industry.workshop.WorkshopDtos.OrderView;
import cn.resettle.industry.workshop.WorkshopDtos.OverdueCheck;
import cn.resettle.industry.workshop.WorkshopDtos.SubsidyView;
import cn.resettle.industry.workshop.WorkshopDtos.WorkerView;
import cn.resettle.industry.workshop.WorkshopDtos.WorkshopView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

@Path("/api/industry/workshops")
@Tag(name = "帮扶车间 Assistance workshops")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class WorkshopResource {

    @Inject
    WorkshopService workshops;
    @Inject
    LinkService links;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Operation(summary = "Register an assistance workshop at a resettlement site of your area (status OPERATING)")
    public Response create(@Valid @NotNull WorkshopDtos.NewWorkshop req) {
        WorkshopView v = workshops.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/workshops/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Workshops in your scope with relocated workers, households employed, orders and subsidies; filter by site, region prefix, status, name")
    public PageResult<WorkshopView> list(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                         @QueryParam("status") WorkshopEnums.Status status, @QueryParam("name") String name,
                                         @Valid @BeanParam PageRequest page) {
        return workshops.list(new WorkshopService.Filter(siteCode, regionCode, status, name), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One workshop")
    public WorkshopView get(@PathParam("id") UUID id) {
        return workshops.get(id);
    }

    @GET
    @Path("overdue-checks")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Workshops whose quarterly check is overdue as of a date (default today): not closed and no check for the "
            + "latest quarter whose check is due (the quarter's end + resettle.industry.workshop-check-grace-days)")
    public PageResult<OverdueCheck> overdue(@QueryParam("asOf") LocalDate asOf, @QueryParam("siteCode") String siteCode,
                                            @QueryParam("regionCode") String regionCode, @Valid @BeanParam PageRequest page) {
        return workshops.overdue(asOf == null ? LocalDate.now() : asOf, siteCode, regionCode, page);
    }

    @GET
    @Path("checks.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Workshop check ledger (帮扶车间季度监测台账) as .xlsx: every check in scope, filter by quarter, site, region prefix")
    public Response checkLedger(@QueryParam("quarter") @Pattern(regexp = Quarter.PATTERN, message = "must be a quarter such as 2026Q3") String quarter,
                                @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode) {
        var rows = workshops.checkLedger(quarter, siteCode, regionCode);
        audit.export("workshop-check", rows.size(), "quarter=" + quarter + ",site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"车间名称", "安置点编码", "安置点", "乡镇", "经营主体", "主要产品", "设计岗位", "季度", "经营状态",
                "用工人数", "搬迁群众务工人数", "季度收入(元)", "检查日期", "检查人", "备注"};
        return Xlsx.of(quarter == null ? "帮扶车间季度监测台账" : "帮扶车间季度监测台账 " + quarter, headers, rows,
                "workshop-checks" + (quarter == null ? "" : "-" + quarter) + ".xlsx");
    }

    @POST
    @Path("{id}/checks")
    @Operation(summary = "Record the quarterly check (status, workers, income). Suspended or closed: the households whose only "
            + "earner worked there are sent to monitoring (workshop.stopped event); closed also ends every job there")
    public Response check(@PathParam("id") UUID id, @Valid @NotNull WorkshopDtos.NewCheck req) {
        return Response.status(201).entity(workshops.check(id, req)).build();
    }

    @GET
    @Path("{id}/checks")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The workshop's checks, latest quarter first")
    public PageResult<CheckView> checks(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return workshops.checks(id, page);
    }

    @POST
    @Path("{id}/workers")
    @Operation(summary = "A relocated person (registry) starts work here: recorded as a WORKSHOP_JOB link, which completes the "
            + "household's open industry-link tasks")
    public Response hire(@PathParam("id") UUID id, @Valid @NotNull WorkshopDtos.NewWorker req) {
        LinkDtos.LinkView link = links.record(new LinkDtos.NewLink(null, LinkDtos.Kind.WORKSHOP_JOB, req.personId(), id,
                null, req.post(), req.since(), null, null));
        return Response.status(201).entity(link).build();
    }

    @POST
    @Path("{id}/workers/{workerId}/left")
    @Operation(summary = "The worker left the workshop")
    public WorkerView left(@PathParam("id") UUID id, @PathParam("workerId") UUID workerId,
                           @Valid @NotNull WorkshopDtos.WorkerLeft req) {
        return workshops.workerLeft(id, workerId, req);
    }

    @GET
    @Path("{id}/workers")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Relocated people working here (ID numbers masked; the read is audited); includeLeft=true adds those who left")
    public PageResult<WorkerView> workers(@PathParam("id") UUID id, @QueryParam("includeLeft") boolean includeLeft,
                                          @Valid @BeanParam PageRequest page) {
        return workshops.workers(id, includeLeft, page);
    }

    @POST
    @Path("{id}/orders")
    @Operation(summary = "Record an order the workshop received")
    public Response order(@PathParam("id") UUID id, @Valid @NotNull WorkshopDtos.NewOrder req) {
        return Response.status(201).entity(workshops.addOrder(id, req)).build();
    }

    @GET
    @Path("{id}/orders")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The workshop's orders, latest first")
    public PageResult<OrderView> orders(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return workshops.orders(id, page);
    }

    @POST
    @Path("{id}/subsidies")
    @Operation(summary = "Record a subsidy the workshop received")
    public Response subsidy(@PathParam("id") UUID id, @Valid @NotNull WorkshopDtos.NewSubsidy req) {
        return Response.status(201).entity(workshops.addSubsidy(id, req)).build();
    }

    @GET
    @Path("{id}/subsidies")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Subsidies the workshop received, latest first")
    public PageResult<SubsidyView> subsidies(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return workshops.subsidies(id, page);
    }
}
