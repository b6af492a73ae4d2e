package cn.resettle.employment.jobs;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.jobs.JobDtos.EmployerView;
import cn.resettle.employment.jobs.JobDtos.PostingView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/employment/postings")
@Tag(name = "岗位清单 Job postings")
public class PostingResource {


    @Inject
    JobService jobs;
    @Inject
    cn.resettle.employment.matching.MatchingService matching;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Create a job posting (occupation and required skills as dictionary codes) and publish it to sites; a site worker only to their own sites")
    public Response createPosting(@Valid @NotNull JobDtos.NewPosting req, @Context UriInfo uri) {
        PostingView v = jobs.createPosting(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/postings/" + v.id()).build()).entity(v).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Postings of your region or published to your sites, paged, soonest validity end first; filter by status (OPEN, FILLED, CLOSED, EXPIRED), occupation, employer, site, region, weak labour, home-based")
    public PageResult<PostingView> postings(@QueryParam("status") String status, @QueryParam("occupation") String occupation,
                                            @QueryParam("employerId") UUID employerId, @QueryParam("siteCode") String siteCode,
                                            @QueryParam("regionCode") String regionCode, @QueryParam("suitableForWeak") Boolean weak,
                                            @QueryParam("homeBased") Boolean homeBased, @Valid @BeanParam PageRequest page) {
        return jobs.postings(new JobService.PostingFilter(cn.resettle.employment.web.Params.code(JobPosting.Status.class, status, "status"), occupation, employerId, siteCode, regionCode, weak, homeBased), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    public PostingView posting(@PathParam("id") UUID id) {
        return jobs.posting(id);
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "送岗进点: publish an open posting to more sites (each inside your scope); it appears on their job boards")
    public PostingView publish(@PathParam("id") UUID id, @Valid @NotNull JobDtos.Publish req) {
        return jobs.publish(id, req);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Close an open posting with a reason (it leaves every job board and matching)")
    public PostingView close(@PathParam("id") UUID id, @Valid @NotNull JobDtos.Close req) {
        return jobs.close(id, req);
    }

    @GET
    @Path("{postingId}/candidates")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "People in your scope who seek work, ranked for an open posting, each with score and reasons (masked)")
    public PageResult<cn.resettle.employment.matching.MatchingDtos.CandidateMatch> candidatesFor(@PathParam("postingId") UUID postingId, @Valid @BeanParam PageRequest page) {
        return matching.candidatesFor(postingId, page);
    }
}
