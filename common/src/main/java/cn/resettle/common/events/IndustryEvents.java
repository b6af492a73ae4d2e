package cn.resettle.common.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Events industry-service publishes on {@link Topics#INDUSTRY} (besides its task events). */
public final class IndustryEvents {
    private IndustryEvents() {
    }

    /**
     * A quarterly check found an assistance workshop (帮扶车间) suspended or closed. Keyed by the workshop id.
     * {@code householdsWithoutEarner}: households one of whose members worked there and in which nobody else is
     * employed (by the registry copy and industry's own records of workshop jobs) — the households monitoring flags.
     * {@code workers}: relocated people who worked there when it stopped. No names, no ID numbers.
     */
    @EventType(value = "cn.resettle.industry.workshop.stopped.v1", aggregate = "workshop")
    public record WorkshopStopped(UUID workshopId, String workshopName, String siteCode, String regionCode,
                                  String status, String quarter, LocalDate stoppedOn, int workers,
                                  List<UUID> householdsWithoutEarner) {
    }

    /**
     * A household received income from industry: a dividend of an asset-income distribution (折股量化分红) or a rent
     * (流转租金). Keyed by the household id; monitoring keeps it as income evidence of the household.
     * {@code kind}: DIVIDEND or RENT; {@code reference}: the distribution cycle (or lease) it was paid under.
     */
    @EventType(value = "cn.resettle.industry.income.paid.v1", aggregate = "household")
    public record IncomePaid(UUID householdId, String householdNo, String regionCode, String siteCode, String kind,
                             java.math.BigDecimal amount, LocalDate paidOn, int year, UUID reference) {
    }

    /**
     * An assistance workshop (帮扶车间) was registered at a site. Keyed by the workshop id. What employment needs to
     * list the workshop as an employer (its postings name the workshop by this id): name, site, township, operator,
     * products, the jobs it was set up with, opening date. No personal data.
     */
    @EventType(value = "cn.resettle.industry.workshop.registered.v1", aggregate = "workshop")
    public record WorkshopRegistered(UUID workshopId, String workshopName, String siteCode, String regionCode,
                                     String operator, String products, int jobs, LocalDate openedOn) {
    }

    public static final String WORKSHOP_REGISTERED = "cn.resettle.industry.workshop.registered.v1";

    public static final String INCOME_PAID = "cn.resettle.industry.income.paid.v1";

    public static final String WORKSHOP_STOPPED = "cn.resettle.industry.workshop.stopped.v1";
}
