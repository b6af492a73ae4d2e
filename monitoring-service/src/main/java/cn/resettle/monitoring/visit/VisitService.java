package cn.resettle.monitoring.visit;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
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
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        DataScope.Filter s = scope.filter("v.regionCode", "v.siteCode");
        StringBuilder q = new StringBuilder("from Visit v where ").append(s.jpql());
        Map<String, Object> p = new HashMap<>(s.params());
        if (month != null) {
            q.append(" and v.visitMonth = :month");
            p.put("month", month);
        }
        if (siteCode != null) {
            q.append(" and v.siteCode = :site");
            p.put("site", siteCode);
        }
        if (householdId != null) {
            q.append(" and v.householdId = :household");
            p.put("household", householdId);
        }
        var query = Visit.find(q.toString(), Sort.by("visitMonth").descending().and("householdNo"), p)
                .page(Page.of(page.page(), page.size()));
        return PageResult.of(query.<Visit>list().stream().map(VisitService::view).toList(), page, query.count());
    }

    /** Every active household in scope (optionally one site's) without a visit in the month: the site's to-do list. */
    public PageResult<Unvisited> unvisited(String month, String siteCode, PageRequest page) {
        DataScope.Filter s = scope.filter("h.region_code", "h.site_code");
        StringBuilder where = new StringBuilder(" from registry_household h where h.status = 'ACTIVE' and ")
                .append(s.jpql())
                .append(" and not exists (select 1 from visit v where v.household_id = h.id and v.visit_month = :month)");
        Map<String, Object> p = new HashMap<>(s.params());
        p.put("month", month);
        if (siteCode != null) {
            where.append(" and h.site_code = :site");
            p.put("site", siteCode);
        }
        Query count = em.createNativeQuery("select count(*)" + where);
        Query rows = em.createNativeQuery("select h.id, h.household_no, h.site_code, h.region_code, h.member_count" + where
                + " order by h.site_code, h.household_no limit :lim offset :off");
        p.forEach((k, val) -> {
            count.setParameter(k, val);
            rows.setParameter(k, val);
        });
        rows.setParameter("lim", page.size()).setParameter("off", page.offset());
        @SuppressWarnings("unchecked")
        List<Object[]> result = rows.getResultList();
        List<Unvisited> items = result.stream().map(r -> new Unvisited((UUID) r[0], (String) r[1], (String) r[2],
                (String) r[3], ((Number) r[4]).intValue())).toList();
        return PageResult.of(items, page, ((Number) count.getSingleResult()).longValue());
    }

    static VisitView view(Visit v) {
        return new VisitView(v.id, v.householdId, v.householdNo, v.regionCode, v.siteCode, v.visitMonth, v.visitedOn,
                v.visitor, v.householdSize, v.perCapitaIncome, v.medicalExpense, v.healthChange, v.unsafeHousing,
                v.unsafeWater, v.childOutOfSchool, v.suddenDifficulty, v.note);
    }
}
