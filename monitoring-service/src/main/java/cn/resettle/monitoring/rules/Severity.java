package cn.resettle.monitoring.rules;

import cn.resettle.common.web.DictionaryEntry.Labelled;

/** How serious a finding is; the rules decide it, the risk keeps it. */
public enum Severity implements Labelled {
    LOW("低"), MEDIUM("中"), HIGH("高");
    private final String label;
    Severity(String l) { label = l; }
    public String label() { return label; }
}
