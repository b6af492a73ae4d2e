package cn.resettle.monitoring.rules;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.validation.DivisionCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Rule sets per region and year; the most specific region code that is a prefix of the household's wins. */
@ApplicationScoped
@Transactional
public class RuleSetService {

    @Inject
    EntityManager em;
    @Inject
    DefaultRules defaults;
    @Inject
    DataScope scope;

    public record RuleSetRequest(
            @NotNull @DivisionCode String regionCode,
            @NotNull @Min(2020) @Max(2100) Integer year,
            @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal incomeLine,
            @NotNull @DecimalMin("0.01") @DecimalMax("1") BigDecimal incomeDropRatio,
            @NotNull @DecimalMin("0") @DecimalMax("10000000") BigDecimal medicalExpenseThreshold,
            @NotNull @Min(1) @Max(24) Integer stableIncomeMonths,
            @NotNull @Min(1) @Max(30) Integer declarationAckDays,
            @NotNull @Min(1) @Max(120) Integer identificationWorkingDays,
            @NotNull @Min(1) @Max(30) Integer publicNoticeDays) {
    }

    public RuleSet resolve(String regionCode, int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select region_code, year, income_line, income_drop_ratio, medical_expense_threshold,
                               stable_income_months, declaration_ack_days, identification_working_days, public_notice_days
                        from risk_rule_set where year = ?1 and ?2 like region_code || '%'
                        order by length(region_code) desc limit 1""")
                .setParameter(1, year).setParameter(2, regionCode).getResultList();
        if (rows.isEmpty()) {
            return new RuleSet("default", year, defaults.incomeLine(), defaults.incomeDropRatio(),
                    defaults.medicalExpenseThreshold(), defaults.stableIncomeMonths(), defaults.declarationAckDays(),
                    defaults.identificationWorkingDays(), defaults.publicNoticeDays());
        }
        Object[] r = rows.get(0);
        return new RuleSet((String) r[0], ((Number) r[1]).intValue(), (BigDecimal) r[2], (BigDecimal) r[3],
                (BigDecimal) r[4], ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(),
                ((Number) r[8]).intValue());
    }

    /**
     * The most permissive thresholds of a year over every configured region and the defaults: the highest income
     * line, the lowest medical threshold. Used to pre-select rows that any region's rules could flag.
     */
    public RuleSet loosest(int year) {
        Object[] r = (Object[]) em.createNativeQuery("select max(income_line), min(medical_expense_threshold) "
                + "from risk_rule_set where year = ?1").setParameter(1, year).getSingleResult();
        BigDecimal line = defaults.incomeLine();
        BigDecimal medical = defaults.medicalExpenseThreshold();
        if (r[0] != null) {
            line = line.max((BigDecimal) r[0]);
            medical = medical.min((BigDecimal) r[1]);
        }
        return new RuleSet("*", year, line, defaults.incomeDropRatio(), medical, defaults.stableIncomeMonths(),
                defaults.declarationAckDays(), defaults.identificationWorkingDays(), defaults.publicNoticeDays());
    }

    public RuleSet put(RuleSetRequest req) {
        if (!scope.coversRegion(req.regionCode())) {
            throw DomainException.forbidden("region " + req.regionCode() + " is outside your data scope");
        }
        em.createNativeQuery("""
                        insert into risk_rule_set (id, version, region_code, year, income_line, income_drop_ratio,
                          medical_expense_threshold, stable_income_months, declaration_ack_days,
                          identification_working_days, public_notice_days, updated_at, updated_by)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                        on conflict (region_code, year) do update set income_line = excluded.income_line,
                          income_drop_ratio = excluded.income_drop_ratio,
                          medical_expense_threshold = excluded.medical_expense_threshold,
                          stable_income_months = excluded.stable_income_months,
                          declaration_ack_days = excluded.declaration_ack_days,
                          identification_working_days = excluded.identification_working_days,
                          public_notice_days = excluded.public_notice_days, updated_at = excluded.updated_at,
                          updated_by = excluded.updated_by, version = risk_rule_set.version + 1""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, req.regionCode()).setParameter(3, req.year())
                .setParameter(4, req.incomeLine()).setParameter(5, req.incomeDropRatio())
                .setParameter(6, req.medicalExpenseThreshold()).setParameter(7, req.stableIncomeMonths())
                .setParameter(8, req.declarationAckDays()).setParameter(9, req.identificationWorkingDays())
                .setParameter(10, req.publicNoticeDays()).setParameter(11, OffsetDateTime.now())
                .setParameter(12, scope.actor()).executeUpdate();
        return resolve(req.regionCode(), req.year());
    }
}
