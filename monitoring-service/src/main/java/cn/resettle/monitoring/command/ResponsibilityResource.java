package cn.resettle.monitoring.command;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.command.ResponsibilityService.DepartmentSummary;
import cn.resettle.monitoring.command.ResponsibilityService.DutyRequest;
import cn.resettle.monitoring.command.ResponsibilityService.DutyView;
import cn.resettle.monitoring.command.ResponsibilityService.ProgressRequest;
import cn.resettle.monitoring.command.ResponsibilityService.RankingRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Year;
import java.util.List;
import java.util.UUID;

/** The responsibility list 责任清单 and the quarterly ranking of site chiefs, part of the command view. */
@Path("/api/command")
@Tag(name = "指挥调度 Command view")
public class ResponsibilityResource {

    @Inject
    ResponsibilityService duties;
    @Inject
    IndicatorService indicators;

    @POST
    @Path("duties")
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(summary = "Add an item to the county's responsibility list of the year (seq unique per county and year, 409 "
            + "duplicate-seq); no deadline = 长期坚持 (ongoing)")
    public Response create(@Valid @NotNull DutyRequest req) {
        DutyView d = duties.create(req);
        return Response.status(201).entity(d).header("Location", "/api/command/duties/" + d.id()).build();
    }

    @GET
    @Path("duties")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER})
    @Operation(summary = "The responsibility list of your county, by year, department (lead or responsible), person, status "
            + "(OPEN, DONE); overdue=true: open items past their deadline. Paged, in list order")
    public PageResult<DutyView> list(@QueryParam("county") String county, @QueryParam("year") Integer year,
                                     @QueryParam("department") String department, @QueryParam("person") String person,
                                     @QueryParam("overdue") Boolean overdue,
                                     @QueryParam("status") @Pattern(regexp = "OPEN|DONE", message = "must be OPEN or DONE") String status,
                                     @Valid @BeanParam PageRequest page) {
        return duties.list(county, year, department, person, overdue, status, page);
    }

    @GET
    @Path("duties/{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER})
    @Operation(summary = "One item of the responsibility list")
    public DutyView get(@PathParam("id") UUID id) {
        return duties.get(id);
    }

    @PUT
    @Path("duties/{id}/progress")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER})
    @Operation(summary = "Report progress (0-100 %, with a note) on an item, with the version read (409 stale-version); "
            + "100 % marks it DONE")
    public DutyView progress(@PathParam("id") UUID id, @Valid @NotNull ProgressRequest req) {
        return duties.progress(id, req);
    }

    @GET
    @Path("duties/summary")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER})
    @Operation(summary = "Per lead department: items, done, overdue (the year's list of your county)")
    public List<DepartmentSummary> summary(@QueryParam("county") String county, @QueryParam("year") Integer year) {
        return duties.summary(county, year == null ? Year.now(CommandProjection.ZONE).getValue() : year);
    }

    @GET
    @Path("ranking")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "The quarter's site-chief ranking 点长专项督导排名: each scored site of the area with its chief, score "
            + "and rank among the county's scored sites (ties share a rank), best first")
    public PageResult<RankingRow> ranking(@QueryParam("region") String region, @QueryParam("site") String site,
                                          @QueryParam("quarter") @NotNull @Pattern(regexp = "20[0-9]{2}-Q[1-4]", message = "yyyy-Qn, e.g. 2026-Q4") String quarter,
                                          @Valid @BeanParam PageRequest page) {
        return duties.ranking(indicators.area(region, site), quarter, page);
    }
}
