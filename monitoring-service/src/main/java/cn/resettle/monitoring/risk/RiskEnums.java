package cn.resettle.monitoring.risk;

import cn.resettle.common.web.DictionaryEntry.Labelled;

public final class RiskEnums {
    private RiskEnums() {
    }

    public enum Source implements Labelled {
        VISIT("每月回访"), SCREENING("部门数据筛查"), DECLARATION("农户自主申报"), CADRE("基层干部排查"),
        JOB_LOSS_EVENT("就业部门失业预警"), HAZARD_EVENT("安全隐患/灾害"),
        WORKSHOP_EVENT("帮扶车间停产/关闭");
        private final String label;
        Source(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Status implements Labelled {
        OPEN("风险未消除"), ELIMINATED("风险已消除"), LONG_TERM("长期监测（兜底保障）");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    public enum MeasureStatus implements Labelled {
        PLANNED("帮扶中"), DONE("已落实"), DECLINED("未落实（退回）"), CANCELLED("已取消（风险已关闭）");
        private final String label;
        MeasureStatus(String l) { label = l; }
        public String label() { return label; }
    }
}
