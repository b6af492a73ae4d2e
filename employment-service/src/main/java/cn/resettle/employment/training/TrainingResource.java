package cn.resettle.employment.training;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.training.TrainingDtos.EnrolmentView;
import cn.resettle.employment.training.TrainingDtos.SessionView;
import cn.resettle.employment.training.TrainingDtos.SiteSessions;
import cn.resettle.employment.web.Params;
import cn.resettle.employment.web.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Year;
import java.util.List;
import java.util.UUID;

@Path("/api/employment/trainings")
@Tag(name = "技能培训 Training")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class TrainingResource {

    @Inject
    TrainingService training;

    @POST
    @Operation(summary = "A training session at a site: title, kind, provider, dates, skills taught (dictionary codes), places")
    public Response create(@Valid @NotNull TrainingDtos.NewSession req, @Context UriInfo uri) {
        SessionView v = training.create(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/trainings/" + v.id()).build()).entity(v).build();
    }

    @GET
    @Operation(summary = "Training sessions in your scope, newest first; filter by site, region prefix, kind, year (of the start), phase")
    public PageResult<SessionView> list(@QueryParam("siteCode") String siteCode,
                                        @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                        @QueryParam("kind") String kind, @QueryParam("year") @Min(2016) @Max(2100) Integer year,
                                        @QueryParam("phase") String phase, @Valid @BeanParam PageRequest page) {
        return training.sessions(filter(siteCode, regionCode, kind, year, phase), page);
    }

    @GET
    @Path("export.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The sessions as Excel (培训班台账), same filters as the list, every row")
    public Response export(@QueryParam("siteCode") String siteCode,
                           @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                           @QueryParam("kind") String kind, @QueryParam("year") @Min(2016) @Max(2100) Integer year,
                           @QueryParam("phase") String phase) {
        return training.sessionsExport(filter(siteCode, regionCode, kind, year, phase));
    }

    @GET
    @Path("sites")
    @Operation(summary = "Each site in your scope with its sessions and completions in the year; withoutOnly=true: the sites with none yet (the seeds want at least one a year)")
    public PageResult<SiteSessions> sites(@QueryParam("year") Integer year,
                                          @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                          @QueryParam("withoutOnly") boolean withoutOnly, @Valid @BeanParam PageRequest page) {
        return training.sitesPerYear(year == null ? Year.now().getValue() : year, regionCode, withoutOnly, page);
    }

    @GET
    @Path("sites.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The sites' sessions per year as Excel")
    public Response sitesExport(@QueryParam("year") Integer year,
                                @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                @QueryParam("withoutOnly") boolean withoutOnly) {
        return training.sitesPerYearExport(year == null ? Year.now().getValue() : year, regionCode, withoutOnly);
    }

    @GET
    @Path("enrolments")
    @Operation(summary = "Enrolments in your scope (people's trainings): filter by session, person, household, status, site; audited")
    public PageResult<EnrolmentView> enrolments(@QueryParam("sessionId") UUID sessionId, @QueryParam("personId") UUID personId,
                                                @QueryParam("householdId") UUID householdId, @QueryParam("status") String status,
                                                @QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        return training.enrolments(new TrainingService.EnrolmentFilter(sessionId, personId, householdId,
                Params.code(TrainingDtos.EnrolmentStatus.class, status, "status"), siteCode), page);
    }

    @GET
    @Path("enrolments.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "Enrolments as Excel (培训人员台账), same filters, every row; audited as one export")
    public Response enrolmentsExport(@QueryParam("sessionId") UUID sessionId, @QueryParam("personId") UUID personId,
                                     @QueryParam("householdId") UUID householdId, @QueryParam("status") String status,
                                     @QueryParam("siteCode") String siteCode) {
        return training.enrolmentsExport(new TrainingService.EnrolmentFilter(sessionId, personId, householdId,
                Params.code(TrainingDtos.EnrolmentStatus.class, status, "status"), siteCode));
    }

    @GET
    @Path("{id}")
    public SessionView get(@PathParam("id") UUID id) {
        return training.session(id);
    }

    @POST
    @Path("{id}/enrolments")
    @Operation(summary = "Enrol a person of the labour registry (in your scope) in the session; 409 already-enrolled, 422 session-full / session-ended")
    public Response enrol(@PathParam("id") UUID id, @Valid @NotNull TrainingDtos.Enrol req, @Context UriInfo uri) {
        EnrolmentView v = training.enrol(id, req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/trainings/enrolments").queryParam("sessionId", id).build())
                .entity(v).build();
    }

    @POST
    @Path("{id}/attendance")
    @Operation(summary = "The people present on one day of the session (a day inside its dates; again for the same day changes nothing); answers the roster")
    public List<EnrolmentView> attendance(@PathParam("id") UUID id, @Valid @NotNull TrainingDtos.Attendance req) {
        return training.attendance(id, req);
    }

    @POST
    @Path("{id}/enrolments/{enrolmentId}/complete")
    @Operation(summary = "Completion 结业: certificate number and skills gained (the session's unless given), added to the person's skills; counts as the year's \"311\" training offer; publishes training.completed")
    public EnrolmentView complete(@PathParam("id") UUID id, @PathParam("enrolmentId") UUID enrolmentId,
                                  @Valid @NotNull TrainingDtos.Complete req) {
        return training.complete(id, enrolmentId, req);
    }

    private static TrainingService.SessionFilter filter(String siteCode, String regionCode, String kind, Integer year, String phase) {
        return new TrainingService.SessionFilter(siteCode, regionCode, Params.code(TrainingDtos.Kind.class, kind, "kind"), year,
                Params.code(TrainingDtos.Phase.class, phase, "phase"));
    }
}
