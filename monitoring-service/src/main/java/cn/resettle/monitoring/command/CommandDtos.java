package cn.resettle.monitoring.command;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the command view answers. */
public final class CommandDtos {
    private CommandDtos() {
    }

    /**
     * The figures of an area for a period, with the trend over the periods before it. {@code level} SITE, TOWNSHIP,
     * COUNTY, CITY or PROVINCE; {@code asOf} the latest time any figure shown was brought up to date.
     */
    public record IndicatorsView(String level, String region, String site, String periodKind, String period,
                                 OffsetDateTime asOf, List<FigureView> figures, List<RateView> rates,
                                 List<TrendPoint> trend) {
    }

    /**
     * One figure: its value in the period (stock: at the end of it; flow: during it), the previous period's, the change,
     * its parts by dimension (department, subject type) and when it was last brought up to date.
     */
    public record FigureView(String code, String label, String kind, long value, long previous, long change,
                             OffsetDateTime updatedAt, List<Part> parts, String drillDown) {
    }

    public record Part(String dim, long value) {
    }

    /** A rate made of two figures (the 1-household-1-job rate, visit coverage); null rate when nothing to divide by. */
    public record RateView(String code, String label, long numerator, long denominator, Double rate) {
    }

    public record TrendPoint(String period, Map<String, Long> values, Map<String, Double> rates) {
    }

    /** A household behind a figure (no names, ID numbers or phones: the household's number and what it counts for). */
    public record HouseholdItem(UUID householdId, String householdNo, String regionCode, String siteCode, int people,
                                boolean labour, boolean employed, String subjectType) {
    }

    public record RiskItem(UUID riskId, UUID householdId, String householdNo, String regionCode, String siteCode,
                           String category, boolean open, OffsetDateTime flaggedAt, OffsetDateTime closedAt, String outcome) {
    }

    public record TaskItem(UUID taskId, UUID riskId, UUID householdId, String householdNo, String regionCode,
                           String siteCode, String domain, String department, String kind, String title,
                           LocalDate deadline, String status, boolean overdue) {
    }
}
