package cn.resettle.employment.tasks;

import cn.resettle.employment.matching.MatchingDtos;
import cn.resettle.employment.matching.MatchingService;
import cn.resettle.tasks.TaskInboxResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * The employment task inbox (written once in {@link TaskInboxResource}; roles in {@code resettle.tasks.roles}), plus
 * the matches a job-matching task offers.
 */
@Path("/api/employment/tasks")
@Tag(name = "帮扶任务 Assistance tasks")
public class TaskResource extends TaskInboxResource {

    @Inject
    MatchingService matching;

    @GET
    @Path("{id}/matches")
    @RolesAllowed("${resettle.tasks.roles}")
    @Operation(summary = "What a job-matching task offers: for each member of the household who seeks work, the best open postings with score and reasons")
    public List<MatchingDtos.TaskMatches> matches(@PathParam("id") UUID id) {
        return matching.forTask(id);
    }
}
