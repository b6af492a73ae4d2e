package cn.resettle.community.safety;

import cn.resettle.common.web.DictionaryEntry.Labelled;

/** Coded values of safety inspections and hazards. */
public final class SafetyEnums {
    private SafetyEnums() {
    }

    /** What a hazard is; the monthly inspection covers the first three (地质灾害、住房安全、消防安全). */
    public enum Category implements Labelled {
        GEOLOGICAL("地质灾害隐患"), HOUSING("住房安全隐患"), FIRE("消防安全隐患"), FLOOD("洪涝灾害"), OTHER_DISASTER("其他灾害");
        private final String label;
        Category(String l) { label = l; }
        public String label() { return label; }

        public boolean inspected() {
            return this == GEOLOGICAL || this == HOUSING || this == FIRE;
        }
    }

    public enum Severity implements Labelled {
        LOW("一般"), MEDIUM("较大"), HIGH("重大");
        private final String label;
        Severity(String l) { label = l; }
        public String label() { return label; }
    }

    /** A hazard stays OPEN until it is REMOVED (整改销号) with evidence. */
    public enum Status implements Labelled {
        OPEN("整改中"), REMOVED("已消除");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }
}
