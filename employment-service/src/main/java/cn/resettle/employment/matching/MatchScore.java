package cn.resettle.employment.matching;

import cn.resettle.common.web.DictionaryEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * The score of one person–posting pair from its parts, and the reasons a user reads: pure, so both directions
 * (postings for a person, candidates for a posting) explain their ranking the same way. The SQL that ranks computes the
 * same parts ({@link MatchingService}); {@link #total} is what it orders by.
 */
public final class MatchScore {

    public enum Distance implements DictionaryEntry.Labelled {
        SITE("送岗到本安置点"), HOME("可居家就业"), TOWNSHIP("本乡镇内"), COUNTY("本县内"), OUTSIDE("县外");
        private final String label;

        Distance(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** Occupation against the person's skills: HAS (a skill), WISHED (a wished occupation) or NONE. */
    public enum Occupation { HAS, WISHED, NONE }

    public record Reason(String code, String label, int points) {
    }

    public record Parts(Occupation occupation, String occupationLabel, int requiredMatched, Distance distance,
                        boolean weakLabour, boolean suitableForWeak, Boolean wishToWork) {
    }

    private MatchScore() {
    }

    public static List<Reason> reasons(Parts p, MatchingConfig w) {
        List<Reason> r = new ArrayList<>();
        switch (p.occupation()) {
            case HAS -> r.add(new Reason("SKILL", "掌握岗位工种：" + p.occupationLabel(), w.occupationSkill()));
            case WISHED -> r.add(new Reason("WISHED_OCCUPATION", "意向工种：" + p.occupationLabel(), w.occupationWished()));
            case NONE -> r.add(new Reason("NO_SKILL", "未掌握岗位工种（可培训后上岗）", 0));
        }
        if (p.requiredMatched() > 0) {
            r.add(new Reason("REQUIRED_SKILLS", "具备岗位要求技能 " + p.requiredMatched() + " 项",
                    Math.min(p.requiredMatched() * w.requiredSkill(), w.requiredSkillCap())));
        }
        r.add(new Reason("DISTANCE_" + p.distance().name(), p.distance().label(), switch (p.distance()) {
            case SITE -> w.distanceSite();
            case HOME -> w.distanceHome();
            case TOWNSHIP -> w.distanceTownship();
            case COUNTY -> w.distanceCounty();
            case OUTSIDE -> w.distanceOutside();
        }));
        if (p.weakLabour() && p.suitableForWeak()) {
            r.add(new Reason("WEAK_LABOUR", "岗位适合弱劳动力", w.weakLabourSuitable()));
        }
        if (Boolean.TRUE.equals(p.wishToWork())) {
            r.add(new Reason("WISH", "有就业意愿", w.wishToWork()));
        }
        return r;
    }

    public static int total(List<Reason> reasons) {
        return reasons.stream().mapToInt(Reason::points).sum();
    }

    /** The reasons as one line (kept with a recommendation). */
    public static String line(List<Reason> reasons) {
        return String.join("；", reasons.stream().map(x -> x.label() + "（+" + x.points() + "）").toList());
    }
}
