package cn.resettle.monitoring.command;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.monitoring.command.CommandDtos.FigureView;
import cn.resettle.monitoring.command.CommandDtos.HouseholdItem;
import cn.resettle.monitoring.command.CommandDtos.IndicatorsView;
import cn.resettle.monitoring.command.CommandDtos.Part;
import cn.resettle.monitoring.command.CommandDtos.RateView;
import cn.resettle.monitoring.command.CommandDtos.RiskItem;
import cn.resettle.monitoring.command.CommandDtos.TaskItem;
import cn.resettle.monitoring.command.CommandDtos.TrendPoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Reads the command view's figure cells (never the registry or monitoring's own tables). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IndicatorService {

    public enum PeriodKind { MONTH, QUARTER, YEAR }

    /** A period: its label and its months, oldest first. */
    public record Period(String label, List<YearMonth> months) {
        YearMonth last() {
            return months.get(months.size() - 1);
        }
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    CommandProjection projection;

    public Area area(String region, String site) {
        return Area.of(region, site, scope, this::siteRegion);
    }

    private String siteRegion(String site) {
        List<?> r = em.createNativeQuery("select township_code from registry_site where code = ?1 union all "
                + "select region_code from command_figure where site_code = ?1 limit 1").setParameter(1, site).getResultList();
        return r.isEmpty() ? null : (String) r.get(0);
    }

    /** The period containing {@code month} and the {@code count - 1} periods before it, oldest first. */
    public static List<Period> periods(PeriodKind kind, YearMonth month, int count) {
        List<Period> out = new ArrayList<>();
        YearMonth now = YearMonth.now(CommandProjection.ZONE);
        for (int i = count - 1; i >= 0; i--) {
            List<YearMonth> months = new ArrayList<>();
            String label;
            switch (kind) {
                case MONTH -> {
                    YearMonth m = month.minusMonths(i);
                    months.add(m);
                    label = m.toString();
                }
                case QUARTER -> {
                    YearMonth first = month.minusMonths(3L * i).withMonth(((month.minusMonths(3L * i).getMonthValue() - 1) / 3) * 3 + 1);
                    for (int k = 0; k < 3; k++) {
                        months.add(first.plusMonths(k));
                    }
                    label = first.getYear() + "Q" + ((first.getMonthValue() - 1) / 3 + 1);
                }
                default -> {
                    int year = month.getYear() - i;
                    for (int k = 1; k <= 12; k++) {
                        months.add(YearMonth.of(year, k));
                    }
                    label = String.valueOf(year);
                }
            }
            // a period still running counts up to the current month
            months.removeIf(m -> m.isAfter(now));
            out.add(new Period(label, months));
        }
        return out;
    }

    record CellValue(long value, OffsetDateTime updatedAt) {
    }

    public IndicatorsView indicators(Area area, PeriodKind kind, YearMonth month, int count) {
        YearMonth now = YearMonth.now(CommandProjection.ZONE);
        if (month.isAfter(now)) {
            throw DomainException.invalid("month", "must not be in the future");
        }
        projection.rollForward();
        // the period asked for and one before it (for the change), and the trend
        List<Period> periods = periods(kind, month, Math.max(count, 2));
        YearMonth from = periods.get(0).months().get(0);
        YearMonth to = periods.get(periods.size() - 1).last();
        // month -> "FIGURE|dim" -> value; one indexed range over the area's cells
        Map<String, Map<String, CellValue>> byMonth = new HashMap<>();
        Query q = em.createNativeQuery("select f.month, f.figure, f.dim, sum(f.value) as v, max(f.updated_at) as u "
                + "from command_figure f where " + scope.filter("f.region_code", "f.site_code").jpql() + " and "
                + area.condition("f.region_code", "f.site_code") + " and f.month between :from and :to "
                + "group by f.month, f.figure, f.dim", Tuple.class);
        scope.filter("f.region_code", "f.site_code").params().forEach(q::setParameter);
        q.setParameter(area.paramName(), area.paramValue()).setParameter("from", from.toString()).setParameter("to", to.toString());
        OffsetDateTime asOf = null;
        for (Object o : q.getResultList()) {
            Tuple t = (Tuple) o;
            OffsetDateTime u = SqlValues.time(t.get("u"));
            byMonth.computeIfAbsent((String) t.get(0), k -> new HashMap<>())
                    .put(t.get(1) + "|" + t.get(2), new CellValue(((Number) t.get("v")).longValue(), u));
        }
        List<Map<String, CellValue>> perPeriod = new ArrayList<>();
        for (Period p : periods) {
            perPeriod.add(valuesOf(p, byMonth));
        }
        Map<String, CellValue> current = perPeriod.get(perPeriod.size() - 1);
        Map<String, CellValue> previous = perPeriod.get(perPeriod.size() - 2);
        List<FigureView> figures = new ArrayList<>();
        for (Figure f : Figure.values()) {
            long value = 0;
            OffsetDateTime updated = null;
            List<Part> parts = new ArrayList<>();
            for (Map.Entry<String, CellValue> e : new TreeMap<>(current).entrySet()) {
                if (e.getKey().startsWith(f.name() + "|")) {
                    value += e.getValue().value();
                    String dim = e.getKey().substring(f.name().length() + 1);
                    if (!dim.isEmpty() && e.getValue().value() != 0) {
                        parts.add(new Part(dim, e.getValue().value()));
                    }
                    updated = later(updated, e.getValue().updatedAt());
                }
            }
            long before = total(previous, f);
            asOf = later(asOf, updated);
            figures.add(new FigureView(f.name(), f.label(), f.kind().name(), value, before, value - before, updated, parts,
                    f.list() == Figure.List.NONE ? null : "/api/command/indicators/" + f.name() + "/items"));
        }
        List<TrendPoint> trend = new ArrayList<>();
        List<Period> shown = periods.subList(periods.size() - count, periods.size());
        for (int i = 0; i < shown.size(); i++) {
            Period p = shown.get(i);
            Map<String, CellValue> values = perPeriod.get(periods.size() - count + i);
            Map<String, Long> totals = new LinkedHashMap<>();
            for (Figure f : Figure.values()) {
                totals.put(f.name(), total(values, f));
            }
            Map<String, Double> rates = new LinkedHashMap<>();
            for (RateView r : rates(p, byMonth, values)) {
                rates.put(r.code(), r.rate());
            }
            trend.add(new TrendPoint(p.label(), totals, rates));
        }
        Period asked = periods.get(periods.size() - 1);
        return new IndicatorsView(area.level(), area.region(), area.site(), kind.name(), asked.label(), asOf, figures,
                rates(asked, byMonth, current), trend);
    }

    /** Stock figures at the period's last month, flow figures summed over its months. */
    private static Map<String, CellValue> valuesOf(Period p, Map<String, Map<String, CellValue>> byMonth) {
        Map<String, CellValue> out = new HashMap<>();
        if (p.months().isEmpty()) {
            return out;
        }
        for (YearMonth m : p.months()) {
            for (Map.Entry<String, CellValue> e : byMonth.getOrDefault(m.toString(), Map.of()).entrySet()) {
                Figure f = Figure.valueOf(e.getKey().substring(0, e.getKey().indexOf('|')));
                if (f.stock() && !m.equals(p.last())) {
                    continue;
                }
                out.merge(e.getKey(), e.getValue(), (a, b) -> new CellValue(a.value() + b.value(), later(a.updatedAt(), b.updatedAt())));
            }
        }
        return out;
    }

    /**
     * Visit coverage: households visited in each month over the households at the end of it (a quarter: the sum of
     * its months over the sum); the 1-household-1-job rate: households with labour and someone employed over
     * households with labour, at the end of the period.
     */
    private static List<RateView> rates(Period p, Map<String, Map<String, CellValue>> byMonth, Map<String, CellValue> values) {
        long visited = 0;
        long households = 0;
        for (YearMonth m : p.months()) {
            Map<String, CellValue> month = byMonth.getOrDefault(m.toString(), Map.of());
            visited += total(month, Figure.VISITED_HOUSEHOLDS);
            households += total(month, Figure.HOUSEHOLDS);
        }
        long labour = total(values, Figure.LABOUR_HOUSEHOLDS);
        long employed = total(values, Figure.LABOUR_HOUSEHOLDS_EMPLOYED);
        return List.of(
                new RateView("VISIT_COVERAGE", "回访覆盖率", visited, households, ratio(visited, households)),
                new RateView("ONE_HOUSEHOLD_ONE_JOB", "1户1人以上就业率", employed, labour, ratio(employed, labour)));
    }

    private static Double ratio(long a, long b) {
        return b == 0 ? null : Math.round(10000.0 * a / b) / 10000.0;
    }

    private static long total(Map<String, CellValue> values, Figure f) {
        long sum = 0;
        for (Map.Entry<String, CellValue> e : values.entrySet()) {
            if (e.getKey().startsWith(f.name() + "|")) {
                sum += e.getValue().value();
            }
        }
        return sum;
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
    }

    // ------------------------------------------------------------------ drill-down

    /** The households, risks or tasks a figure counts, in the caller's scope and the area; one page. */
    public PageResult<?> items(Figure figure, Area area, String dim, YearMonth month, boolean gap, PageRequest page) {
        String m = month.toString();
        OffsetDateTime start = month.atDay(1).atStartOfDay(CommandProjection.ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime end = month.plusMonths(1).atDay(1).atStartOfDay(CommandProjection.ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        switch (figure.list()) {
            case HOUSEHOLDS -> {
                ListQuery q = ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                        .and(area.condition("h.region_code", "h.site_code"), area.paramName(), area.paramValue())
                        .and("h.active");
                switch (figure) {
                    case SUBJECTS -> q.and("h.subject_type is not null").and("h.subject_type = :dim", "dim", blankToNull(dim));
                    case LABOUR_HOUSEHOLDS -> q.and("h.labour");
                    case LABOUR_HOUSEHOLDS_EMPLOYED -> q.and("h.labour").and(gap ? "not (h.employed_registry or h.placements > 0)"
                            : "(h.employed_registry or h.placements > 0)");
                    case VISITED_HOUSEHOLDS -> q.and((gap ? "not " : "") + "exists (select 1 from command_visit v "
                            + "where v.household_id = h.household_id and v.month = :month)").param("month", m);
                    default -> {
                    }
                }
                return q.nativePage(em, "h.household_id, h.household_no, h.region_code, h.site_code, h.people, h.labour, "
                                + "h.employed_registry, h.placements, h.subject_type", "command_household h",
                        "h.household_no, h.household_id", page, t -> new HouseholdItem(t.get("household_id", UUID.class),
                                t.get("household_no", String.class), t.get("region_code", String.class),
                                t.get("site_code", String.class), ((Number) t.get("people")).intValue(),
                                (Boolean) t.get("labour"), (Boolean) t.get("employed_registry")
                                || ((Number) t.get("placements")).intValue() > 0, t.get("subject_type", String.class)));
            }
            case RISKS -> {
                ListQuery q = ListQuery.scoped(scope.filter("r.region_code", "r.site_code"))
                        .and(area.condition("r.region_code", "r.site_code"), area.paramName(), area.paramValue());
                switch (figure) {
                    case RISKS_OPEN -> q.and("r.open");
                    case RISKS_FLAGGED -> q.and("r.flagged_at >= :start and r.flagged_at < :end").param("start", start).param("end", end);
                    default -> q.and("not r.open and r.closed_at >= :start and r.closed_at < :end").param("start", start).param("end", end);
                }
                return q.nativePage(em, "r.risk_id, r.household_id, r.household_no, r.region_code, r.site_code, r.category, "
                                + "r.open, r.flagged_at, r.closed_at, r.outcome", "command_risk r", "r.flagged_at, r.risk_id", page,
                        t -> new RiskItem(t.get("risk_id", UUID.class), t.get("household_id", UUID.class),
                                t.get("household_no", String.class), t.get("region_code", String.class),
                                t.get("site_code", String.class), t.get("category", String.class), (Boolean) t.get("open"),
                                SqlValues.time(t.get("flagged_at")), SqlValues.time(t.get("closed_at")), t.get("outcome", String.class)));
            }
            case TASKS -> {
                ListQuery q = ListQuery.scoped(scope.filter("t.region_code", "t.site_code"))
                        .and(area.condition("t.region_code", "t.site_code"), area.paramName(), area.paramValue())
                        .and("t.status = 'OPEN'")
                        .and("t.department = :dim", "dim", blankToNull(dim))
                        .andIf(figure == Figure.TASKS_OVERDUE, "t.overdue");
                return q.nativePage(em, "t.task_id, t.risk_id, t.household_id, t.household_no, t.region_code, t.site_code, "
                                + "t.domain, t.department, t.kind, t.title, t.deadline, t.status, t.overdue", "command_task t",
                        "t.created_at, t.task_id", page, t -> new TaskItem(t.get("task_id", UUID.class), t.get("risk_id", UUID.class),
                                t.get("household_id", UUID.class), t.get("household_no", String.class),
                                t.get("region_code", String.class), t.get("site_code", String.class), t.get("domain", String.class),
                                t.get("department", String.class), t.get("kind", String.class), t.get("title", String.class),
                                SqlValues.date(t.get("deadline")), t.get("status", String.class), (Boolean) t.get("overdue")));
            }
            default -> throw DomainException.unprocessable("no-drill-down",
                    "figure " + figure + " has no list behind it in the command view");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
