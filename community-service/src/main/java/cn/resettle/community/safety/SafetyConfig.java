package cn.resettle.community.safety;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/**
 * Days a hazard may stay open by severity when the recorder sets no deadline
 * ({@code resettle.safety.removal-days.HIGH=7} …; configuration per county).
 */
@ConfigMapping(prefix = "resettle.safety")
public interface SafetyConfig {

    Map<String, Integer> removalDays();

    @WithDefault("30")
    int defaultRemovalDays();

    default int removalDays(SafetyEnums.Severity s) {
        return removalDays().getOrDefault(s.name(), defaultRemovalDays());
    }
}
