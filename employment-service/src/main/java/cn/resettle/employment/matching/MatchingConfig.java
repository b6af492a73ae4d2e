package cn.resettle.employment.matching;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The weights of person–job matching and the life of an offer: per-region policy, so configuration
 * ({@code resettle.matching.*}), never constants. The score is the sum of the points of each reason.
 */
@ConfigMapping(prefix = "resettle.matching")
public interface MatchingConfig {
    /** The posting's occupation is one of the person's skills. */
    @WithDefault("40")
    int occupationSkill();

    /** The posting's occupation is one the person wishes to do (and has not as a skill). */
    @WithDefault("25")
    int occupationWished();

    /** Per required skill the person has… */
    @WithDefault("10")
    int requiredSkill();

    /** …up to this many points. */
    @WithDefault("20")
    int requiredSkillCap();

    /** Distance class: published to the person's own site (送岗进点). */
    @WithDefault("30")
    int distanceSite();

    /** Distance class: work at home (居家就业). */
    @WithDefault("30")
    int distanceHome();

    @WithDefault("20")
    int distanceTownship();

    @WithDefault("10")
    int distanceCounty();

    @WithDefault("0")
    int distanceOutside();

    /** Weak labour and a posting suitable for it. */
    @WithDefault("10")
    int weakLabourSuitable();

    /** The person said they want work (not asked yet earns nothing). */
    @WithDefault("10")
    int wishToWork();

    /** How long an offer waits for an answer before it expires. */
    @WithDefault("P14D")
    Duration offerExpiry();

    /** How many postings a job-matching task shows per person. */
    @WithDefault("5")
    int taskMatchesPerPerson();
}
