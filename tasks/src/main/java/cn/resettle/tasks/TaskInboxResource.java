package cn.resettle.tasks;

import cn.resettle.tasks.TaskDtos.TaskView;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/**
 * The task inbox of a service that gives assistance: tasks opened from risks flagged in monitoring, per site and
 * department. Written once; each service declares its path in a two-line subclass
 * ({@code @Path("/api/<domain>/tasks") class TaskResource extends TaskInboxResource {}}) and who may use it in
 * {@code resettle.tasks.roles} (a comma-separated list, read by {@code @RolesAllowed} on every method, so
 * {@code deny-unannotated-endpoints} still holds).
 */
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "SecurityScheme")
public abstract class TaskInboxResource {

    @Inject
    TaskService tasks;

    @GET
    @RolesAllowed("${resettle.tasks.roles}")
    @Operation(summary = "Tasks in your scope, paged, soonest deadline first; filter by status, kind, site, region, overdue, household, risk")
    public PageResult<TaskView> list(@QueryParam("status") AssistanceTask.Status status, @QueryParam("kind") String kind,
                                     @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                     @QueryParam("overdue") Boolean overdue, @QueryParam("householdId") UUID householdId,
                                     @QueryParam("riskId") UUID riskId, @Valid @BeanParam PageRequest page) {
        return tasks.list(new TaskService.Filter(status, kind, siteCode, regionCode, overdue, householdId, riskId), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed("${resettle.tasks.roles}")
    public TaskView get(@PathParam("id") UUID id) {
        return tasks.get(id);
    }

    @POST
    @Path("{id}/assign")
    @RolesAllowed("${resettle.tasks.roles}")
    @Operation(summary = "Assign the task to a person")
    public TaskView assign(@PathParam("id") UUID id, @Valid @NotNull TaskDtos.Assign req) {
        return tasks.assign(id, req);
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed("${resettle.tasks.roles}")
    public TaskView accept(@PathParam("id") UUID id, @Valid @NotNull TaskDtos.Accept req) {
        return tasks.accept(id, req);
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed("${resettle.tasks.roles}")
    @Operation(summary = "Complete with an outcome; monitoring records the measure as done in the household's plan")
    public TaskView complete(@PathParam("id") UUID id, @Valid @NotNull TaskDtos.Complete req) {
        return tasks.complete(id, req);
    }

    @POST
    @Path("{id}/decline")
    @RolesAllowed("${resettle.tasks.roles}")
    @Operation(summary = "Decline with a reason; monitoring records the measure as declined")
    public TaskView decline(@PathParam("id") UUID id, @Valid @NotNull TaskDtos.Decline req) {
        return tasks.decline(id, req);
    }
}
