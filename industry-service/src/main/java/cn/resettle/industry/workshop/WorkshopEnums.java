package cn.resettle.industry.workshop;

import cn.resettle.common.web.DictionaryEntry.Labelled;

public final class WorkshopEnums {
    private WorkshopEnums() {
    }

    /** What the quarterly check found (and the workshop's state since its latest check). */
    public enum Status implements Labelled {
        OPERATING("正常生产"), REDUCED("减产"), SUSPENDED("停产"), CLOSED("关闭");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }

        /** Suspended or closed: its workers earn nothing from it. */
        public boolean stopped() {
            return this == SUSPENDED || this == CLOSED;
        }
    }

    public enum SubsidyKind implements Labelled {
        CONSTRUCTION("建设补贴"), RENT("租金减免/补贴"), EMPLOYMENT("吸纳就业补贴"), UTILITIES("水电补贴"),
        LOAN_INTEREST("贷款贴息"), OTHER("其他");
        private final String label;
        SubsidyKind(String l) { label = l; }
        public String label() { return label; }
    }
}
