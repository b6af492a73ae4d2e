package cn.resettle.community.site;

import cn.resettle.common.web.DictionaryEntry.Labelled;

public enum AreaType implements Labelled {
    URBAN("城镇安置"), RURAL("农村安置");
    private final String label;

    AreaType(String l) {
        label = l;
    }

    public String label() {
        return label;
    }
}
