package cn.resettle.common.registry;

import cn.resettle.common.web.DictionaryEntry;

import java.util.Arrays;
import java.util.List;

/**
 * A person's labour capacity as the registry records it (劳动能力). The one place that says who "can work": full and
 * weak/half labour (弱劳动力/半劳动力) can; routing, elimination and the dictionaries all ask this enum.
 */
public enum LabourCapacity implements DictionaryEntry.Labelled {
    FULL("普通劳动力"), WEAK("弱劳动力或半劳动力"), NONE("无劳动力");

    private final String label;

    LabourCapacity(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether a person with this capacity can work (and so counts for jobs and for stable-income elimination). */
    public boolean canWork() {
        return this != NONE;
    }

    /** The capacities that can work, for queries ({@code labour_capacity in (:canWork)}). */
    public static List<LabourCapacity> working() {
        return Arrays.stream(values()).filter(LabourCapacity::canWork).toList();
    }

    /** The names of {@link #working()}, for SQL over a registry copy that stores the code. */
    public static List<String> workingCodes() {
        return working().stream().map(Enum::name).toList();
    }

    /** Whether a code read from the registry (or its copy) can work; unknown or null codes cannot. */
    public static boolean canWork(String code) {
        return code != null && Arrays.stream(values()).anyMatch(c -> c.name().equals(code) && c.canWork());
    }
}
