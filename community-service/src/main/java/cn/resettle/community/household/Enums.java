package cn.resettle.community.household;

import cn.resettle.common.web.DictionaryEntry.Labelled;

/** The registry's coded values. Codes are stable English names (they travel in events); labels are what people read. */
public final class Enums {
    private Enums() {
    }

    public enum RelocationType implements Labelled {
        POVERTY("脱贫搬迁户"), SYNCHRONOUS("同步搬迁户");
        private final String label;
        RelocationType(String l) { label = l; }
        public String label() { return label; }
    }

    public enum PlacementType implements Labelled {
        CENTRALIZED("集中安置"), DISPERSED("分散安置");
        private final String label;
        PlacementType(String l) { label = l; }
        public String label() { return label; }
    }

    public enum HouseType implements Labelled {
        ONE_HOUSE("一户一宅"), APARTMENT("套房");
        private final String label;
        HouseType(String l) { label = l; }
        public String label() { return label; }
    }

    public enum HouseholdStatus implements Labelled {
        ACTIVE("在册"), MOVED_OUT("已迁出");
        private final String label;
        HouseholdStatus(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Gender implements Labelled {
        M("男"), F("女");
        private final String label;
        Gender(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Relationship implements Labelled {
        HEAD("户主"), SPOUSE("配偶"), CHILD("子女"), PARENT("父母"), GRANDCHILD("孙子女"), SIBLING("兄弟姐妹"),
        CHILD_IN_LAW("儿媳/女婿"), OTHER("其他");
        private final String label;
        Relationship(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Education implements Labelled {
        PRESCHOOL("学龄前"), NONE("文盲或半文盲"), PRIMARY("小学"), JUNIOR("初中"), SENIOR("高中"),
        VOCATIONAL("中专/职高"), COLLEGE("大专及以上");
        private final String label;
        Education(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Health implements Labelled {
        HEALTHY("健康"), CHRONIC("长期慢性病"), SERIOUS_ILLNESS("患大病"), DISABLED("残疾");
        private final String label;
        Health(String l) { label = l; }
        public String label() { return label; }
    }

    // LabourCapacity and EmploymentStatus live in common (cn.resettle.common.registry): who can work and who is
    // employed is decided there once, for community, employment and monitoring alike

    public enum PersonStatus implements Labelled {
        ACTIVE("在册"), MOVED_OUT("已迁出"), DECEASED("已故");
        private final String label;
        PersonStatus(String l) { label = l; }
        public String label() { return label; }
    }

    /** Reads a value given either as its code or as its Chinese label (spreadsheets use labels). */
    public static <E extends Enum<E> & Labelled> E parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t) || e.label().equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + t + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.label() + "(" + e.name() + ")").toList());
    }
}
