package cn.resettle.community.requests;

import cn.resettle.common.web.DictionaryEntry.Labelled;

/** Coded values of one-stop service requests (codes travel in events and the API; labels are what people read). */
public final class RequestEnums {
    private RequestEnums() {
    }

    /** What the request is about; each category has its department and deadlines in configuration. */
    public enum Category implements Labelled {
        HOUSEHOLD_REGISTRATION("户籍迁移"), PENSION_INSURANCE("养老保险转移接续"), SCHOOLING("子女入学"), MEDICAL("医疗服务"),
        SOCIAL_SECURITY("社会保障"), PROPERTY("物业服务"), LEGAL_AID("法律援助"), JOBS("就业服务"),
        DISPUTE("矛盾纠纷调处"), OTHER("其他诉求");
        private final String label;
        Category(String l) { label = l; }
        public String label() { return label; }
    }

    /** SUBMITTED waits for acceptance, ACCEPTED for an answer, ANSWERED for the resident's rating (or reopening). */
    public enum Status implements Labelled {
        SUBMITTED("待受理"), ACCEPTED("办理中"), ANSWERED("已答复待评价"), CLOSED("已办结");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }

        public boolean open() {
            return this == SUBMITTED || this == ACCEPTED;
        }
    }

    /** Who is answerable for the request now: the site, the township, the county (escalation moves it up). */
    public enum Level implements Labelled {
        SITE("安置点"), TOWNSHIP("乡镇"), COUNTY("县级");
        private final String label;
        Level(String l) { label = l; }
        public String label() { return label; }

        public Level next() {
            return this == SITE ? TOWNSHIP : COUNTY;
        }
    }

    public enum Channel implements Labelled {
        RESIDENT("群众自主提交"), WORKER("工作人员代办"), OPEN311("外部系统（Open311）");
        private final String label;
        Channel(String l) { label = l; }
        public String label() { return label; }
    }

    /** How a dispute mediation ended (矛盾纠纷调处结果). */
    public enum MediationOutcome implements Labelled {
        SETTLED("调解成功"), NOT_SETTLED("调解不成，已引导依法解决"), REFERRED("移交有关部门");
        private final String label;
        MediationOutcome(String l) { label = l; }
        public String label() { return label; }
    }

    /** The steps of a request's history. */
    public enum Action implements Labelled {
        FILED("提交并分派"), ACCEPTED("受理"), ANSWERED("答复"), CLOSED("评价办结"), REOPENED("群众不满意重新办理"), ESCALATED("逾期升级");
        private final String label;
        Action(String l) { label = l; }
        public String label() { return label; }
    }
}
