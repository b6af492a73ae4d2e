package cn.resettle.employment.labour;

import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.web.DictionaryEntry;

/**
 * The five lists of the labour registry (五个名单, Sichuan 2021 item 5) plus the transfer-employment list, as
 * conditions over the labour registry. {@code status} is the person's current employment status (employment's own
 * record first, the registry's monthly status otherwise).
 */
public enum LabourList implements DictionaryEntry.Labelled {
    EMPLOYED("就业人员名单"),
    SEEKING("未就业有就业意愿人员名单"),
    TRAINING("有培训意愿人员名单"),
    PUBLIC_WELFARE("公益性岗位安置人员名单"),
    ENTREPRENEUR("自主创业人员名单"),
    TRANSFER("转移就业（县外务工）人员名单");

    private final String label;

    LabourList(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The list's SQL condition over {@code p} (registry_person), {@code l} (labour_profile) and the status expression. */
    public String sqlCondition(String status) {
        return condition(status);
    }

    /** The SQL condition, over {@code status} (the current employment status expression) and {@code l} (labour_profile). */
    String condition(String status) {
        return switch (this) {
            case EMPLOYED -> status + " in ('" + String.join("','", EmploymentStatus.employedStatuses().stream().map(Enum::name).toList()) + "')";
            // not employed, not in school, and not having said they do not want work (not asked yet counts as wanting it)
            case SEEKING -> "coalesce(" + status + ", 'UNEMPLOYED') not in ('"
                    + String.join("','", EmploymentStatus.employedStatuses().stream().map(Enum::name).toList())
                    + "','STUDENT') and coalesce(l.wish_to_work, true)";
            case TRAINING -> "coalesce(l.training_wish, false)";
            case PUBLIC_WELFARE -> status + " = 'PUBLIC_WELFARE_POST'";
            case ENTREPRENEUR -> status + " = 'SELF_EMPLOYED'";
            case TRANSFER -> status + " = 'EMPLOYED_OUTSIDE'";
        };
    }
}
