package cn.resettle.industry.asset;

import cn.resettle.common.web.DictionaryEntry.Labelled;

public final class AssetEnums {
    private AssetEnums() {
    }

    public enum Kind implements Labelled {
        OPERATING("经营性资产"), PUBLIC_WELFARE("公益性资产"), HOUSEHOLD("到户类资产");
        private final String label;
        Kind(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Category implements Labelled {
        FACTORY_BUILDING("标准厂房/帮扶车间"), SHOP("商铺门面"), PV_STATION("光伏电站"), AGRICULTURAL_FACILITY("农业设施/大棚"),
        ROAD("道路桥梁"), WATER("饮水/水利设施"), EQUIPMENT("机器设备"), LIVESTOCK("种苗/畜禽"), OTHER("其他");
        private final String label;
        Category(String l) { label = l; }
        public String label() { return label; }
    }

    public enum FundingSource implements Labelled {
        CENTRAL_FUND("中央衔接推进乡村振兴补助资金"), PROVINCIAL_FUND("省级衔接资金"), COUNTY_FUND("县级财政资金"),
        PAIRING_AID("东西部协作/定点帮扶资金"), SOCIAL_DONATION("社会帮扶资金"), OTHER("其他");
        private final String label;
        FundingSource(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Status implements Labelled {
        IN_USE("在用"), IDLE("闲置"), UNDER_REPAIR("维修中"), DISPOSED("已处置");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    /** What a proposed change does once approved. */
    public enum ChangeKind implements Labelled {
        REVALUE("价值变更"), CUSTODIAN("管护主体变更"), OWNERSHIP("权属变更"), STATUS("状态变更"), DISPOSAL("资产处置");
        private final String label;
        ChangeKind(String l) { label = l; }
        public String label() { return label; }
    }

    public enum ChangeStatus implements Labelled {
        PENDING("待审批"), APPROVED("已批准"), REJECTED("已驳回");
        private final String label;
        ChangeStatus(String l) { label = l; }
        public String label() { return label; }
    }
}
