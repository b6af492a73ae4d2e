package cn.resettle.employment.tasks;

import cn.resettle.tasks.TaskInboxResource;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The employment task inbox (written once in {@link TaskInboxResource}; roles in {@code resettle.tasks.roles}). */
@Path("/api/employment/tasks")
@Tag(name = "帮扶任务 Assistance tasks")
public class TaskResource extends TaskInboxResource {
}
