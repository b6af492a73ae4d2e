package cn.resettle.monitoring.command;

import cn.resettle.common.web.DictionaryEntry;

/**
 * The figures of the command view (issue 13). A STOCK figure is a state at the end of the month (a month without a
 * change carries the last value forward), a FLOW what happened during the month (a quarter or year adds its months).
 * {@code list} names what a drill-down from the figure lists.
 */
public enum Figure implements DictionaryEntry.Labelled {
    HOUSEHOLDS("搬迁户数", Kind.STOCK, List.HOUSEHOLDS),
    PEOPLE("搬迁人口", Kind.STOCK, List.HOUSEHOLDS),
    SUBJECTS("监测对象户数(按类型)", Kind.STOCK, List.HOUSEHOLDS),
    RISKS_FLAGGED("新识别风险", Kind.FLOW, List.RISKS),
    RISKS_ELIMINATED("风险消除", Kind.FLOW, List.RISKS),
    RISKS_OPEN("未消除风险", Kind.STOCK, List.RISKS),
    TASKS_OPEN("未完成帮扶任务(按部门)", Kind.STOCK, List.TASKS),
    TASKS_OVERDUE("逾期帮扶任务(按部门)", Kind.STOCK, List.TASKS),
    VISITED_HOUSEHOLDS("本月已回访户数", Kind.FLOW, List.HOUSEHOLDS),
    LABOUR_HOUSEHOLDS("有劳动力户数", Kind.STOCK, List.HOUSEHOLDS),
    LABOUR_HOUSEHOLDS_EMPLOYED("有劳动力且至少1人就业户数", Kind.STOCK, List.HOUSEHOLDS),
    PUBLIC_WELFARE_POSTS("公益性岗位在岗人数", Kind.STOCK, List.NONE),
    SELF_EMPLOYED("自主创业/个体经营人数", Kind.STOCK, List.NONE),
    HAZARDS_RECORDED("记录安全隐患/灾害", Kind.FLOW, List.NONE),
    SERVICE_REQUESTS_FILED("群众诉求受理", Kind.FLOW, List.NONE);

    public enum Kind { STOCK, FLOW }

    /** What a drill-down lists. */
    public enum List { HOUSEHOLDS, RISKS, TASKS, NONE }

    private final String label;
    private final Kind kind;
    private final List list;

    Figure(String label, Kind kind, List list) {
        this.label = label;
        this.kind = kind;
        this.list = list;
    }

    @Override
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public List list() {
        return list;
    }

    public boolean stock() {
        return kind == Kind.STOCK;
    }
}
