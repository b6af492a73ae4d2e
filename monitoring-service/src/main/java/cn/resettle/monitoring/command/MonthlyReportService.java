package cn.resettle.monitoring.command;

import cn.resettle.common.security.DataScope;
import cn.resettle.monitoring.command.CommandDtos.FigureView;
import cn.resettle.monitoring.command.CommandDtos.IndicatorsView;
import cn.resettle.monitoring.command.CommandDtos.RateView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The county's follow-up support monthly report 后续扶持工作月报, generated from the command view's indicators. The first
 * report of a month that has ended is frozen ({@code command_report}): asking again for that month gives the same
 * figures, whatever was applied since. The current month's report is live and says so.
 */
@ApplicationScoped
public class MonthlyReportService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    IndicatorService indicators;
    @Inject
    ObjectMapper json;

    /** A row of the breakdown: a township (county report) or a site (township report) and its figures. */
    public record Row(String code, Map<String, Long> values) {
    }

    public record Report(String area, String level, String region, String site, String month, boolean frozen,
                         OffsetDateTime frozenAt, String frozenBy, IndicatorsView indicators, List<Row> breakdown) {
    }

    public Report report(Area area, YearMonth month) {
        String key = area.site() != null ? "site:" + area.site() : "region:" + area.region();
        boolean past = month.isBefore(YearMonth.now(CommandProjection.ZONE));
        if (past) {
            @SuppressWarnings("unchecked")
            List<Object[]> found = em.createNativeQuery("select content, frozen_at, frozen_by from command_report where area = ?1 and month = ?2")
                    .setParameter(1, key).setParameter(2, month.toString()).getResultList();
            if (!found.isEmpty()) {
                return read((String) found.get(0)[0]);
            }
        }
        IndicatorsView view = indicators.indicators(area, IndicatorService.PeriodKind.MONTH, month, 12);
        Report live = new Report(key, area.level(), area.region(), area.site(), month.toString(), false, null, null, view,
                breakdown(area, month));
        if (!past) {
            return live;
        }
        Report frozen = new Report(live.area(), live.level(), live.region(), live.site(), live.month(), true,
                OffsetDateTime.now(CommandProjection.ZONE), scope.actor(), view, live.breakdown());
        String content = write(frozen);
        // two callers freezing the same month at once: the first one's report wins and both get it
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into command_report (area, month, content, "
                        + "frozen_at, frozen_by) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, key).setParameter(2, month.toString()).setParameter(3, content)
                .setParameter(4, frozen.frozenAt()).setParameter(5, frozen.frozenBy()).executeUpdate());
        return read((String) em.createNativeQuery("select content from command_report where area = ?1 and month = ?2")
                .setParameter(1, key).setParameter(2, month.toString()).getSingleResult());
    }

    private List<Row> breakdown(Area area, YearMonth month) {
        if (area.site() != null) {
            return List.of();
        }
        String by = "TOWNSHIP".equals(area.level()) ? "f.site_code" : "f.region_code";
        DataScope.Filter f = scope.filter("f.region_code", "f.site_code");
        Query q = em.createNativeQuery("select " + by + ", f.figure, sum(f.value) from command_figure f where " + f.jpql()
                + " and " + area.condition("f.region_code", "f.site_code") + " and f.month = :month group by " + by + ", f.figure");
        f.params().forEach(q::setParameter);
        q.setParameter(area.paramName(), area.paramValue()).setParameter("month", month.toString());
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            rows.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>()).merge((String) r[1], ((Number) r[2]).longValue(), Long::sum);
        }
        List<Row> out = new ArrayList<>();
        rows.forEach((k, v) -> out.add(new Row(k.isEmpty() ? "(分散安置)" : k, v)));
        return out;
    }

    private String write(Report r) {
        try {
            return json.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not serialisable", e);
        }
    }

    private Report read(String content) {
        try {
            return json.readValue(content, Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frozen report unreadable", e);
        }
    }

    /** The report as .xlsx: the figures with last month and the change, the rates, then one row per township or site. */
    public byte[] xlsx(Report r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "resettle", "1.0");
        Worksheet ws = wb.newWorksheet("月报 " + r.month());
        String area = r.site() != null ? "安置点 " + r.site() : "行政区划 " + r.region();
        ws.value(0, 0, "易地扶贫搬迁后续扶持工作月报");
        ws.style(0, 0).bold().set();
        ws.value(1, 0, area + "（" + levelLabel(r.level()) + "）  报告月份 " + r.month());
        ws.value(2, 0, r.frozen() ? "已封存 " + r.frozenAt() + "（" + r.frozenBy() + "）：再次导出数据不变"
                : "本月数据截至 " + (r.indicators().asOf() == null ? "—" : r.indicators().asOf().toString()) + "（未封存）");
        String[] headers = {"指标", "代码", "本月", "上月", "变化", "数据更新时间"};
        for (int c = 0; c < headers.length; c++) {
            ws.value(4, c, headers[c]);
            ws.style(4, c).bold().set();
        }
        int row = 5;
        for (FigureView f : r.indicators().figures()) {
            ws.value(row, 0, f.label());
            ws.value(row, 1, f.code());
            ws.value(row, 2, f.value());
            ws.value(row, 3, f.previous());
            ws.value(row, 4, f.change());
            if (f.updatedAt() != null) {
                ws.value(row, 5, f.updatedAt().toString());
            }
            row++;
        }
        for (RateView rate : r.indicators().rates()) {
            ws.value(row, 0, rate.label());
            ws.value(row, 1, rate.code());
            if (rate.rate() != null) {
                ws.value(row, 2, rate.rate());
            }
            ws.value(row, 3, rate.numerator() + "/" + rate.denominator());
            row++;
        }
        if (!r.breakdown().isEmpty()) {
            Worksheet by = wb.newWorksheet("TOWNSHIP".equals(r.level()) ? "分安置点" : "分乡镇");
            by.value(0, 0, "TOWNSHIP".equals(r.level()) ? "安置点" : "乡镇");
            by.style(0, 0).bold().set();
            Figure[] figures = Figure.values();
            for (int c = 0; c < figures.length; c++) {
                by.value(0, c + 1, figures[c].label());
                by.style(0, c + 1).bold().set();
            }
            int i = 1;
            for (Row b : r.breakdown()) {
                by.value(i, 0, b.code());
                for (int c = 0; c < figures.length; c++) {
                    by.value(i, c + 1, b.values().getOrDefault(figures[c].name(), 0L));
                }
                i++;
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    private static String levelLabel(String level) {
        return switch (level) {
            case "SITE" -> "安置点";
            case "TOWNSHIP" -> "乡镇";
            case "COUNTY" -> "县";
            case "CITY" -> "市";
            default -> "省";
        };
    }
}
