package cn.resettle.common.registry;

import cn.resettle.common.web.DictionaryEntry;

import java.util.Arrays;
import java.util.List;

/**
 * A person's employment status (就业状态). The one place that says who "is employed": work in or outside the county,
 * self-employment and public-welfare posts. Farming, unemployed, in school (学生 is not a job) and not applicable are
 * not employed; of those, a student is not looking for work either, so {@link #seeksWork()} leaves students out of
 * job matching while a household of students still counts as having nobody employed (零就业家庭).
 */
public enum EmploymentStatus implements DictionaryEntry.Labelled {
    EMPLOYED_LOCAL("县内务工"), EMPLOYED_OUTSIDE("县外务工"), SELF_EMPLOYED("自主创业/个体经营"),
    PUBLIC_WELFARE_POST("公益性岗位"), FARMING("务农"), UNEMPLOYED("未就业"), STUDENT("在校学生"),
    NOT_APPLICABLE("不适用");

    private final String label;

    EmploymentStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean employed() {
        return switch (this) {
            case EMPLOYED_LOCAL, EMPLOYED_OUTSIDE, SELF_EMPLOYED, PUBLIC_WELFARE_POST -> true;
            default -> false;
        };
    }

    /** Not employed and not in school: a person who can work in this status is matched to jobs. */
    public boolean seeksWork() {
        return !employed() && this != STUDENT;
    }

    public static List<EmploymentStatus> employedStatuses() {
        return Arrays.stream(values()).filter(EmploymentStatus::employed).toList();
    }

    /** Null or unknown codes are not employed. */
    public static EmploymentStatus of(String code) {
        return code == null ? null : Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst().orElse(null);
    }

    public static boolean employed(String code) {
        EmploymentStatus s = of(code);
        return s != null && s.employed();
    }

    public static boolean seeksWork(String code) {
        EmploymentStatus s = of(code);
        return s == null || s.seeksWork();
    }
}
