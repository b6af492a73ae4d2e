package cn.resettle.common.web;

/** One value of an enum as front ends show it: stable code plus Chinese label. */
public record DictionaryEntry(String code, String label) {

    /** Enums that carry a Chinese label implement this. */
    public interface Labelled {
        String label();
    }

    public static <E extends Enum<E> & Labelled> java.util.List<DictionaryEntry> of(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(e -> new DictionaryEntry(e.name(), e.label())).toList();
    }
}
