package cn.resettle.community.jobs;

import cn.resettle.common.jobs.Jobs;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Progress and result of the caller's own jobs (ledger exports, imports); anyone else's job is 404. */
@Path(JobResource.PATH)
@Tag(name = "任务进度 Jobs")
public class JobResource {
    public static final String PATH = "/api/community/jobs";

    @Inject
    Jobs jobs;
    @Inject
    DataScope scope;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "A job you started: status, percentage, rows done of rows total, errors so far, and the result's URL when DONE")
    public Jobs.JobView get(@PathParam("id") UUID id) {
        return jobs.get(id, scope.actor(), PATH + "/");
    }

    @GET
    @Path("{id}/result")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The result of a job you started (409 until it is DONE)")
    public Response result(@PathParam("id") UUID id) {
        Jobs.Result r = jobs.result(id, scope.actor());
        return Response.ok(r.file().toFile(), r.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + r.name() + "\"").build();
    }
}
