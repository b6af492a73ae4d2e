package cn.resettle.monitoring.command;

import cn.resettle.common.web.DictionaryEntry;

/** The five types of resettlement site 五型安置点 (seed 002 annex 2). */
public enum SiteType implements DictionaryEntry.Labelled {
    INDUSTRY_THRIVING("产业兴旺型"), EMPLOYMENT_DEVELOPMENT("就业发展型"), ECOLOGICALLY_LIVABLE("生态宜居型"),
    COLLECTIVE_ECONOMY("集体经济型"), MANAGEMENT_SERVICE("管理服务型");

    private final String label;

    SiteType(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
