package cn.resettle.community.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

@ConfigMapping(prefix = "resettle.sites")
public interface SiteConfig {
    /**
     * Population thresholds of the size classes the policies use (200+: one-stop window, 800+: employment
     * station, 1000+: collective economic organization). Configuration per region, never constants in code.
     */
    @WithDefault("200,800,1000")
    List<Integer> sizeThresholds();
}
