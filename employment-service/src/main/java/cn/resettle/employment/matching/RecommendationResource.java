package cn.resettle.employment.matching;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.matching.MatchingDtos.CandidateMatch;
import cn.resettle.employment.matching.MatchingDtos.RecommendationView;
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

@Path("/api/employment/recommendations")
@Tag(name = "人岗对接 Matching and offers")
public class RecommendationResource {


    @Inject
    MatchingService matching;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Offer a posting to a person (optionally for a job-matching task); unanswered, the offer expires after resettle.matching.offer-expiry")
    public Response recommend(@Valid @NotNull MatchingDtos.Recommend req, @Context UriInfo uri) {
        RecommendationView v = matching.recommend(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/recommendations/" + v.id()).build()).entity(v).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Offers in your scope, newest first; filter by person, household, posting, task, status (OFFERED, ACCEPTED, DECLINED, EXPIRED, PLACED), site")
    public PageResult<RecommendationView> recommendations(@QueryParam("personId") UUID personId, @QueryParam("householdId") UUID householdId,
                                                          @QueryParam("postingId") UUID postingId, @QueryParam("taskId") UUID taskId,
                                                          @QueryParam("status") String status,
                                                          @QueryParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        return matching.recommendations(new MatchingService.RecommendationFilter(personId, householdId, postingId, taskId,
                cn.resettle.employment.web.Params.code(MatchingDtos.Status.class, status, "status"), siteCode), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    public RecommendationView recommendation(@PathParam("id") UUID id) {
        return matching.recommendation(id);
    }

    @POST
    @Path("{id}/answer")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record the person's answer to an offer (accepted: interested; declined)")
    public RecommendationView answer(@PathParam("id") UUID id, @Valid @NotNull MatchingDtos.Answer req) {
        return matching.answer(id, req, false);
    }
}
