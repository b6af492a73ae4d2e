package cn.resettle.community.site;

import cn.resettle.common.web.DictionaryEntry.Labelled;

public enum SiteStatus implements Labelled {
    ACTIVE("在用"), CLOSED("已撤并");
    private final String label;

    SiteStatus(String l) {
        label = l;
    }

    public String label() {
        return label;
    }
}
