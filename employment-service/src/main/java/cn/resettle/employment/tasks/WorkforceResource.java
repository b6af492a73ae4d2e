package cn.resettle.employment.tasks;

import cn.resettle.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/employment/people/{personId}")
@Tag(name = "就业动态监测 Employment status")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class WorkforceResource {

    @Inject
    Workforce workforce;

    @POST
    @Path("job-loss")
    @Operation(summary = "Record that an employed person lost their job; if the household is left with nobody employed, monitoring is warned (JobLost)")
    public Workforce.PersonStatus jobLoss(@PathParam("personId") UUID personId, @Valid @NotNull Workforce.JobLoss req) {
        return workforce.loseJob(personId, req);
    }

    @POST
    @Path("placement")
    @Operation(summary = "Record that a person started work (a placement)")
    public Workforce.PersonStatus placement(@PathParam("personId") UUID personId, @Valid @NotNull Workforce.Placement req) {
        return workforce.place(personId, req);
    }
}
