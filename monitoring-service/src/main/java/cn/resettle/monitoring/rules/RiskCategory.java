package cn.resettle.monitoring.rules;

import cn.resettle.common.web.DictionaryEntry.Labelled;

/** 一收入两不愁三保障和饮水安全, plus job loss, disaster and accident. */
public enum RiskCategory implements Labelled {
    INCOME_DROP("收入骤减或低于监测线"), JOB_LOSS("失业"), MEDICAL_EXPENSE("医疗支出较大"), ILLNESS("患病"),
    DISABILITY("残疾"), EDUCATION("义务教育保障"), HOUSING_SAFETY("住房安全"), DRINKING_WATER("饮水安全"),
    DISASTER("自然灾害"), ACCIDENT("意外事故"), OTHER("其他");
    private final String label;

    RiskCategory(String l) {
        label = l;
    }

    public String label() {
        return label;
    }
}
