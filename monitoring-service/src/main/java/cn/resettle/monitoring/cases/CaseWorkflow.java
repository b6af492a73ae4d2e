package cn.resettle.monitoring.cases;

import cn.resettle.common.web.DictionaryEntry.Labelled;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The identification procedure used in practice: application or warning → home check (入户核查) → democratic
 * review (民主评议) → public notice (公示, N days) → township review (乡镇审核) → county approval (县级审定).
 * Pure rules, unit-tested.
 */
public final class CaseWorkflow {

    public enum SubjectType implements Labelled {
        UNSTABLE_ESCAPED("脱贫不稳定户"), MARGINAL_AT_RISK("边缘易致贫户"), SUDDEN_DIFFICULTY("突发严重困难户");
        private final String label;
        SubjectType(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Step implements Labelled {
        HOME_CHECK("入户核查"), DEMOCRATIC_REVIEW("民主评议"), PUBLIC_NOTICE("公示"), TOWNSHIP_REVIEW("乡镇审核"),
        COUNTY_APPROVAL("县级审定");
        private final String label;
        Step(String l) { label = l; }
        public String label() { return label; }
    }

    /** Where a case stands: the step it waits for, or a final state. */
    public enum Status implements Labelled {
        AWAITING_HOME_CHECK("待入户核查"), AWAITING_DEMOCRATIC_REVIEW("待民主评议"), AWAITING_PUBLIC_NOTICE("待公示"),
        IN_PUBLIC_NOTICE("公示中"), AWAITING_COUNTY_APPROVAL("待县级审定"), IDENTIFIED("已纳入监测对象"), REJECTED("未通过");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    /** Roles allowed to record each step. */
    static final Map<Step, List<String>> ROLES = Map.of(
            Step.HOME_CHECK, List.of("site-worker", "township-official"),
            Step.DEMOCRATIC_REVIEW, List.of("site-worker", "township-official"),
            Step.PUBLIC_NOTICE, List.of("township-official"),
            Step.TOWNSHIP_REVIEW, List.of("township-official"),
            Step.COUNTY_APPROVAL, List.of("county-admin"));

    private CaseWorkflow() {
    }

    public static Step expected(Status s) {
        return switch (s) {
            case AWAITING_HOME_CHECK -> Step.HOME_CHECK;
            case AWAITING_DEMOCRATIC_REVIEW -> Step.DEMOCRATIC_REVIEW;
            case AWAITING_PUBLIC_NOTICE -> Step.PUBLIC_NOTICE;
            case IN_PUBLIC_NOTICE -> Step.TOWNSHIP_REVIEW;
            case AWAITING_COUNTY_APPROVAL -> Step.COUNTY_APPROVAL;
            default -> null;
        };
    }

    /** The state after a step passed (a failed step always rejects). */
    public static Status after(Step step, boolean passed) {
        if (!passed) {
            return Status.REJECTED;
        }
        return switch (step) {
            case HOME_CHECK -> Status.AWAITING_DEMOCRATIC_REVIEW;
            case DEMOCRATIC_REVIEW -> Status.AWAITING_PUBLIC_NOTICE;
            case PUBLIC_NOTICE -> Status.IN_PUBLIC_NOTICE;
            case TOWNSHIP_REVIEW -> Status.AWAITING_COUNTY_APPROVAL;
            case COUNTY_APPROVAL -> Status.IDENTIFIED;
        };
    }

    /** The date {@code workingDays} working days (Monday–Friday) after {@code start}. */
    public static LocalDate addWorkingDays(LocalDate start, int workingDays) {
        LocalDate d = start;
        int added = 0;
        while (added < workingDays) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return d;
    }
}
