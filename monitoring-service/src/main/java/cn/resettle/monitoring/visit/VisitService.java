package cn.resettle.monitoring.visit;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.risk.Households;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskService;
import cn.resettle.monitoring.rules.RiskRules;
import cn.resettle.monitoring.rules.RuleSet;
import cn.resettle.monitoring.rules.RuleSetService;
import cn.resettle.monitoring.visit.VisitDtos.Unvisited;
import cn.resettle.monitoring.visit.VisitDtos.VisitRequest;
import cn.resettle.monitoring.visit.VisitDtos.VisitResult;
import cn.resettle.monitoring.visit.VisitDtos.VisitView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class VisitService {

    /** A visit for a month may be made up to this day of the following month (ledgers close on the 3rd). */
    static final int VISIT_LATE_DAYS = 3;

    @Inject
    EntityManager em;
    @Inject
    Households households;
    @Inject
    RuleSetService rules;
    @Inject
    RiskService risks;
    @Inject
    DataScope scope;
    @Inject
    cn.resettle.common.outbox.Outbox outbox;

    public VisitResult record(VisitRequest req) {
        YearMonth month = YearMonth.parse(req.visitMonth());
        if (month.isAfter(YearMonth.now())) {
            throw DomainException.invalid("visitMonth", "a visit cannot be recorded for a future month");
        }
        if (month.isBefore(YearMonth.now().minusMonths(24))) {
            throw DomainException.invalid("visitMonth", "visits older than 24 months are not recorded");
        }
        // the visit happens in its month, or in the first days of the next (the ledger closes on the 3rd, DOMAIN.md)
        if (req.visitedOn().isBefore(month.atDay(1))
                || req.visitedOn().isAfter(month.plusMonths(1).atDay(VISIT_LATE_DAYS))) {
            throw DomainException.invalid("visitedOn", "回访日期须在回访月份内(或次月" + VISIT_LATE_DAYS + "日前) / must fall in "
                    + month + " or by day " + VISIT_LATE_DAYS + " of the next month");
        }
        Households.Ref h = households.visible(req.householdId(), scope);
        if (!"ACTIVE".equals(h.status())) {
            throw DomainException.unprocessable("household-moved-out", "household " + h.householdNo() + " has moved out");
        }
        if (Visit.count("householdId = ?1 and visitMonth = ?2", h.id(), req.visitMonth()) > 0) {
            throw DomainException.conflict("already-visited", "household " + h.householdNo() + " already has a visit for " + month);
        }
        Visit v = new Visit();
        v.id = UUID.randomUUID();
        v.householdId = h.id();
        v.householdNo = h.householdNo();
        v.regionCode = h.regionCode();
        v.siteCode = h.siteCode();
        v.visitMonth = req.visitMonth();
        v.visitedOn = req.visitedOn();
        v.visitor = scope.actor();
        v.householdSize = req.householdSize();
        v.perCapitaIncome = req.perCapitaIncome();
        v.medicalExpense = req.medicalExpense();
        v.healthChange = req.healthChange() == null ? null : req.healthChange().name();
        v.industryChange = req.industryChange();
        v.employmentChange = req.employmentChange();
        v.unsafeHousing = req.unsafeHousing();
        v.unsafeWater = req.unsafeWater();
        v.childOutOfSchool = req.childOutOfSchool();
        v.suddenDifficulty = req.suddenDifficulty() == null || req.suddenDifficulty() == VisitDtos.SuddenDifficulty.NONE
                ? null : req.suddenDifficulty().name();
        v.policiesReceived = req.policiesReceived();
        v.cadrePaired = req.cadrePaired();
        v.integrated = req.integrated();
        v.demandsSolved = req.demandsSolved();
        v.note = req.note();
        v.createdAt = OffsetDateTime.now();
        v.persist();
        // the command view's visit coverage (issue 13); none of the visit's findings travel
        outbox.publish(cn.resettle.common.events.Topics.MONITORING, h.id(), new cn.resettle.common.events.MonitoringEvents.VisitRecorded(
                v.id, h.id(), h.householdNo(), h.regionCode(), h.siteCode(), v.visitMonth, v.visitedOn));

        BigDecimal previous = previousIncome(h.id(), req.visitMonth());
        RuleSet rs = rules.resolve(h.regionCode(), month.getYear());
        var facts = new RiskRules.Facts(req.perCapitaIncome(), previous, req.medicalExpense(), req.unsafeHousing(),
                req.unsafeWater(), req.childOutOfSchool(), req.healthChange() == VisitDtos.HealthChange.SERIOUS_ILLNESS,
                req.healthChange() == VisitDtos.HealthChange.NEW_DISABILITY,
                req.membersLostJob() != null && req.membersLostJob() > 0, null, v.suddenDifficulty);
        List<cn.resettle.monitoring.risk.RiskDtos.RiskView> raised = new ArrayList<>();
        for (RiskRules.Finding f : RiskRules.evaluate(facts, rs)) {
            var risk = risks.flag(h, f, Source.VISIT, month, scope.actor());
            raised.add(risks.get(risk.id, scope));
        }
        return new VisitResult(view(v), raised);
    }

    private BigDecimal previousIncome(UUID householdId, String month) {
        List<?> r = em.createNativeQuery("select per_capita_income from visit where household_id = ?1 and visit_month < ?2 "
                        + "order by visit_month desc limit 1")
                .setParameter(1, householdId).setParameter(2, month).getResultList();
        return r.isEmpty() ? null : (BigDecimal) r.get(0);
    }

    public PageResult<VisitView> list(String month, String siteCode, UUID householdId, PageRequest page) {
        return ListQuery.scoped(scope.filter("v.region_code", "v.site_code"))
                .and("v.visit_month = :month", "month", month)
                .and("v.site_code = :site", "site", siteCode)
                .and("v.household_id = :household", "household", householdId)
                .entityPage(em, Visit.class, "visit v", "v.visit_month desc, v.region_code, v.household_id", page,
                        v -> List.of(v.visitMonth, v.regionCode, v.householdId))
                .map(VisitService::view);
    }

    /** Every active household in scope (optionally one site's) without a visit in the month: the site's to-do list. */
    public PageResult<Unvisited> unvisited(String month, String siteCode, PageRequest page) {
        return ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("h.status = 'ACTIVE'")
                .and("not exists (select 1 from visit v where v.household_id = h.id and v.visit_month = :month)")
                .param("month", month)
                .and("h.site_code = :site", "site", siteCode)
                .nativePage(em, "h.id, h.household_no, h.site_code, h.region_code, h.member_count", "registry_household h",
                        "h.region_code, h.household_no, h.id", page,
                        r -> new Unvisited(r.get("id", UUID.class), r.get("household_no", String.class),
                                r.get("site_code", String.class), r.get("region_code", String.class),
                                ((Number) r.get("member_count")).intValue()));
    }

    static VisitView view(Visit v) {
        return new VisitView(v.id, v.householdId, v.householdNo, v.regionCode, v.siteCode, v.visitMonth, v.visitedOn,
                v.visitor, v.householdSize, v.perCapitaIncome, v.medicalExpense, v.healthChange, v.unsafeHousing,
                v.unsafeWater, v.childOutOfSchool, v.suddenDifficulty, v.note);
    }
}
