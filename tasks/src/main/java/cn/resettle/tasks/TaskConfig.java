package cn.resettle.tasks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

@ConfigMapping(prefix = "resettle.tasks")
public interface TaskConfig {
    /** This service's domain in event types and paths: employment, industry or community. */
    @WithDefault("none")
    String domain();

    /**
     * Who may use the task inbox: roles, comma-separated. Read by {@code @RolesAllowed("${resettle.tasks.roles}")} in
     * {@link TaskInboxResource}; listed here so the configuration is validated and documented in one place.
     */
    java.util.List<String> roles();

    /** The responsible department shown in the household's assistance plan, e.g. 人社局. */
    @WithDefault("unset")
    String department();

    /**
     * Whether a flagged risk waits (deferred) until the household's registry copy is here: true where routing
     * reads the household's members from the copy (employment).
     */
    @WithDefault("false")
    boolean awaitRegistryCopy();

    /** Days to deadline per task kind (configuration per region); {@code default} for kinds not listed. */
    @WithDefault("")
    Map<String, Integer> deadlineDays();

    default int deadlineFor(String kind, int fallback) {
        return deadlineDays().getOrDefault(kind, deadlineDays().getOrDefault("default", fallback));
    }
}
