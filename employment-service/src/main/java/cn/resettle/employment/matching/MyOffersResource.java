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

@Path("/api/employment/my")
@Tag(name = "人岗对接 Matching and offers")
public class MyOffersResource {


    @Inject
    MatchingService matching;
    @Inject
    cn.resettle.employment.training.TrainingService training;

    @GET
    @Path("trainings")
    @RolesAllowed(Roles.RESIDENT)
    @Operation(summary = "A resident's own household's trainings (enrolments, attendance, completion; token claim household_no)")
    public PageResult<cn.resettle.employment.training.TrainingDtos.EnrolmentView> myTrainings(@Valid @BeanParam PageRequest page) {
        return training.mine(page);
    }

    @GET
    @Path("offers")
    @RolesAllowed(Roles.RESIDENT)
    @Operation(summary = "A resident's own household's job offers")
    public PageResult<RecommendationView> myOffers(@Valid @BeanParam PageRequest page) {
        return matching.myOffers(page);
    }

    @POST
    @Path("offers/{id}/answer")
    @RolesAllowed(Roles.RESIDENT)
    @Operation(summary = "A resident answers one of their household's offers")
    public RecommendationView answerMine(@PathParam("id") UUID id, @Valid @NotNull MatchingDtos.Answer req) {
        return matching.answer(id, req, true);
    }
}
