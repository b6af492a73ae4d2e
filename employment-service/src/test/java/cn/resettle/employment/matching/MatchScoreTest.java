package cn.resettle.employment.matching;

import cn.resettle.employment.matching.MatchScore.Distance;
import cn.resettle.employment.matching.MatchScore.Occupation;
import cn.resettle.employment.matching.MatchScore.Parts;
import cn.resettle.employment.matching.MatchScore.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reasons and score of one person–posting pair (plain JUnit: pure logic). */
class MatchScoreTest {

    /** The defaults of MatchingConfig, as a region without its own weights has them. */
    static final MatchingConfig DEFAULTS = new MatchingConfig() {
        public int occupationSkill() { return 40; }
        public int occupationWished() { return 25; }
        public int requiredSkill() { return 10; }
        public int requiredSkillCap() { return 20; }
        public int distanceSite() { return 30; }
        public int distanceHome() { return 30; }
        public int distanceTownship() { return 20; }
        public int distanceCounty() { return 10; }
        public int distanceOutside() { return 0; }
        public int weakLabourSuitable() { return 10; }
        public int wishToWork() { return 10; }
        public Duration offerExpiry() { return Duration.ofDays(14); }
        public int taskMatchesPerPerson() { return 5; }
    };

    @Test
    void aSkilledWillingWorkerAndAPostingAtTheirSiteScoreEverything() {
        List<Reason> r = MatchScore.reasons(new Parts(Occupation.HAS, "电工", 3, Distance.SITE, false, false, true), DEFAULTS);
        assertEquals(List.of("SKILL", "REQUIRED_SKILLS", "DISTANCE_SITE", "WISH"), r.stream().map(Reason::code).toList());
        assertEquals(20, r.get(1).points(), "required skills are capped");
        assertEquals(100, MatchScore.total(r));
        assertEquals("掌握岗位工种：电工（+40）；具备岗位要求技能 3 项（+20）；送岗到本安置点（+30）；有就业意愿（+10）", MatchScore.line(r));
    }

    @Test
    void weakLabourEarnsOnlyOnSuitablePostingsAndAnUnaskedWishEarnsNothing() {
        List<Reason> weak = MatchScore.reasons(new Parts(Occupation.WISHED, "手工编织", 0, Distance.HOME, true, true, null), DEFAULTS);
        assertEquals(List.of("WISHED_OCCUPATION", "DISTANCE_HOME", "WEAK_LABOUR"), weak.stream().map(Reason::code).toList());
        assertEquals(65, MatchScore.total(weak));
        List<Reason> far = MatchScore.reasons(new Parts(Occupation.NONE, "焊工", 0, Distance.OUTSIDE, false, true, false), DEFAULTS);
        assertEquals(0, MatchScore.total(far));
        assertEquals("NO_SKILL", far.get(0).code());
    }
}
