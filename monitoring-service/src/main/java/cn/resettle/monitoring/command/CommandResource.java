package cn.resettle.monitoring.command;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.command.CommandDtos.HouseholdItem;
import cn.resettle.monitoring.command.CommandDtos.IndicatorsView;
import cn.resettle.monitoring.command.CommandDtos.RiskItem;
import cn.resettle.monitoring.command.CommandDtos.TaskItem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The county's command view 指挥调度 (issue 13): indicators by area and period with their trend, and the lists behind
 * them. Hosted by monitoring-service as a read model of its own (package {@code command}, tables {@code command_*});
 * the gateway routes {@code /api/command/} here.
 */
@Path("/api/command")
@Tag(name = "指挥调度 Command view")
public class CommandResource {

    @Inject
    IndicatorService indicators;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    @GET
    @Path("indicators")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "Indicators of a site, township, county or city (region = division code, or site = site code; "
            + "default: your own) for a month, quarter or year (period), with the previous period, the trend over the last "
            + "`periods` periods and when each figure was last brought up to date. Read from the command view's "
            + "projection, computed ahead from the events.")
    public IndicatorsView indicators(@QueryParam("region") String region, @QueryParam("site") String site,
                                     @QueryParam("month") @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month,
                                     @QueryParam("period") @DefaultValue("MONTH") String period,
                                     @QueryParam("periods") @DefaultValue("12") @Min(value = 1, message = "must be at least 1")
                                     @Max(value = 36, message = "must be at most 36") int periods) {
        return indicators.indicators(indicators.area(region, site), periodKind(period), month(month), periods);
    }

    @GET
    @Path("indicators/{figure}/items")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "Drill-down: the households, risks or tasks a figure counts, in your scope and the area, paged. "
            + "Households and tasks are their current state; flows (risks flagged/eliminated, visits) those of the month. "
            + "dim: a department (tasks) or subject type; gap=true: the households a rate misses (not visited this month, "
            + "labour and nobody employed). Audited.")
    public PageResult<?> items(@PathParam("figure") Figure figure, @QueryParam("region") String region,
                               @QueryParam("site") String site,
                               @QueryParam("dim") @jakarta.validation.constraints.Size(max = 64, message = "must be at most 64 characters") String dim,
                               @QueryParam("month") @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month,
                               @QueryParam("gap") @DefaultValue("false") boolean gap,
                               @Valid @BeanParam PageRequest page) {
        PageResult<?> p = indicators.items(figure, indicators.area(region, site), dim, month(month), gap, page);
        List<UUID> households = p.items().stream().map(CommandResource::householdOf)
                .filter(java.util.Objects::nonNull).distinct().toList();
        audit.list("command-" + figure.list().name().toLowerCase(java.util.Locale.ROOT), households, false,
                "figure=" + figure + ",region=" + region + ",site=" + site + ",month=" + month + ",gap=" + gap);
        return p;
    }

    @Inject
    MonthlyReportService reports;

    @GET
    @Path("reports/monthly")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "The monthly report of an area (default: last month) as data: the first report of an ended month is "
            + "frozen (frozen, frozenAt, frozenBy) and every later request for it answers the same figures; the current month "
            + "is live")
    public MonthlyReportService.Report monthly(@QueryParam("region") String region, @QueryParam("site") String site,
                                               @QueryParam("month") @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month) {
        return reports.report(indicators.area(region, site), reportMonth(month));
    }

    @GET
    @Path("reports/monthly.xlsx")
    @jakarta.ws.rs.Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "The monthly report 后续扶持工作月报 as Excel (figures, last month, change, rates; by township or site)")
    public jakarta.ws.rs.core.Response monthlyXlsx(@QueryParam("region") String region, @QueryParam("site") String site,
                                                   @QueryParam("month") @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month)
            throws java.io.IOException {
        MonthlyReportService.Report r = reports.report(indicators.area(region, site), reportMonth(month));
        String name = "monthly-report-" + (r.site() != null ? r.site() : r.region()) + "-" + r.month() + ".xlsx";
        return jakarta.ws.rs.core.Response.ok(reports.xlsx(r))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static YearMonth reportMonth(String month) {
        YearMonth m = month == null || month.isBlank() ? YearMonth.now(CommandProjection.ZONE).minusMonths(1) : month(month);
        if (m.isAfter(YearMonth.now(CommandProjection.ZONE))) {
            throw DomainException.invalid("month", "must not be in the future");
        }
        return m;
    }

    @GET
    @Path("dictionary")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(operationId = "getCommandDictionary", summary = "Codes and Chinese labels of the command view (figures)")
    public Map<String, List<DictionaryEntry>> dictionary() {
        return Map.of("figure", DictionaryEntry.of(Figure.class),
                "periodKind", Arrays.stream(IndicatorService.PeriodKind.values())
                        .map(k -> new DictionaryEntry(k.name(), switch (k) {
                            case MONTH -> "月";
                            case QUARTER -> "季度";
                            case YEAR -> "年";
                        })).toList());
    }

    private static UUID householdOf(Object item) {
        if (item instanceof HouseholdItem h) {
            return h.householdId();
        } else if (item instanceof RiskItem r) {
            return r.householdId();
        } else if (item instanceof TaskItem t) {
            return t.householdId();
        }
        return null;
    }

    static IndicatorService.PeriodKind periodKind(String period) {
        try {
            return IndicatorService.PeriodKind.valueOf(period);
        } catch (RuntimeException e) {
            throw DomainException.invalid("period", "must be MONTH, QUARTER or YEAR");
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (RuntimeException e) {
            throw DomainException.invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.now(CommandProjection.ZONE);
        }
        try {
            return YearMonth.parse(month);
        } catch (RuntimeException e) {
            throw DomainException.invalid("month", "must be YYYY-MM");
        }
    }
}
