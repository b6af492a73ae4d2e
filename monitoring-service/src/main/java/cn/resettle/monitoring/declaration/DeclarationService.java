package cn.resettle.monitoring.declaration;

import static cn.resettle.common.web.SqlValues.date;
import static cn.resettle.common.web.SqlValues.time;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.risk.Households;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskService;
import cn.resettle.monitoring.rules.RiskCategory;
import cn.resettle.monitoring.rules.RiskRules;
import cn.resettle.monitoring.rules.RuleSetService;
import cn.resettle.monitoring.rules.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * Self-declaration 自主申报 from a resident's phone: the resident acts for their own household only (the household
 * number in their token); staff acknowledge it within the region's configured days, which flags the risk.
 */
@ApplicationScoped
@Transactional
public class DeclarationService {

    public enum Status { RECEIVED, ACKNOWLEDGED }

    /** Small on purpose: it is typed on a phone. {@code householdNo} may be omitted; if given it must be the caller's own. */
    public record DeclarationRequest(@NotNull RiskCategory category, @NotBlank @Size(max = 500) String description,
                                     @Size(max = 32) String householdNo) {
    }

    public record DeclarationView(UUID id, long version, UUID householdId, String householdNo, String siteCode,
                                  RiskCategory category, String description, Status status, String declaredBy,
                                  OffsetDateTime createdAt, LocalDate dueBy, boolean overdue,
                                  OffsetDateTime acknowledgedAt, String acknowledgedBy, UUID riskId) {
    }

    public record Acknowledge(@NotNull Long version) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    Households households;
    @Inject
    RuleSetService rules;
    @Inject
    RiskService risks;

    public DeclarationView declare(DeclarationRequest req) {
        String own = scope.householdNo();
        if (own == null) {
            throw DomainException.forbidden("your account is not linked to a household");
        }
        if (req.householdNo() != null && !req.householdNo().equals(own)) {
            throw DomainException.forbidden("residents can only declare for their own household");
        }
        Households.Ref h = households.findByNo(own)
                .orElseThrow(() -> DomainException.unprocessable("household-unknown", "household " + own + " is not in the registry"));
        int ackDays = rules.resolve(h.regionCode(), LocalDate.now().getYear()).declarationAckDays();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into declaration (id, version, household_id, household_no, region_code, site_code, declared_by,
                          category, description, status, created_at, due_by)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'RECEIVED', ?9, ?10)""")
                .setParameter(1, id).setParameter(2, h.id()).setParameter(3, h.householdNo()).setParameter(4, h.regionCode())
                .setParameter(5, h.siteCode()).setParameter(6, scope.actor()).setParameter(7, req.category().name())
                .setParameter(8, req.description()).setParameter(9, OffsetDateTime.now())
                .setParameter(10, LocalDate.now().plusDays(ackDays)).executeUpdate();
        return get(id, true);
    }

    public DeclarationView acknowledge(UUID id, long version) {
        DeclarationView d = get(id, false);
        if (d.version() != version) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "reload the declaration");
        }
        if (d.status() != Status.RECEIVED) {
            throw DomainException.conflict("already-acknowledged", "the declaration was already acknowledged");
        }
        // claim the declaration first, conditioned on the version read: of two acknowledgements sent at once the
        // second waits on the row lock, then updates nothing and is a 409, so the risk is flagged once
        int updated = em.createNativeQuery("update declaration set status = 'ACKNOWLEDGED', acknowledged_at = ?1, "
                        + "acknowledged_by = ?2, version = version + 1 where id = ?3 and version = ?4 and status = 'RECEIVED'")
                .setParameter(1, OffsetDateTime.now()).setParameter(2, scope.actor()).setParameter(3, id)
                .setParameter(4, version).executeUpdate();
        if (updated == 0) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                    "the declaration was changed by someone else since you read it; reload the declaration");
        }
        Households.Ref h = households.find(d.householdId()).orElseThrow();
        var risk = risks.flag(h, new RiskRules.Finding(d.category(), Severity.MEDIUM, "农户自主申报: " + d.description()),
                Source.DECLARATION, YearMonth.now(), scope.actor());
        em.createNativeQuery("update declaration set risk_id = ?1 where id = ?2")
                .setParameter(1, risk.id).setParameter(2, id).executeUpdate();
        return get(id, false);
    }

    private static final String COLUMNS = "d.id, d.version, d.household_id, d.household_no, d.site_code, d.category, "
            + "d.description, d.status, d.declared_by, d.created_at, d.due_by, d.acknowledged_at, d.acknowledged_by, "
            + "d.risk_id, d.region_code";

    /** One statement for the page, and a count only when the page is full. */
    public PageResult<DeclarationView> list(Status status, Boolean overdue, PageRequest page) {
        ListQuery q = ListQuery.scoped(scope.filter("d.region_code", "d.site_code"))
                .and("d.status = :status", "status", status == null ? null : status.name());
        if (Boolean.TRUE.equals(overdue)) {
            q.and("d.status = 'RECEIVED' and d.due_by < :today").param("today", LocalDate.now());
        }
        return q.nativePage(em, COLUMNS, "declaration d", "d.due_by, d.created_at, d.id", page, DeclarationService::view);
    }

    /** A resident reads only their own household's declarations; staff within their scope. */
    public DeclarationView get(UUID id, boolean skipScope) {
        @SuppressWarnings("unchecked")
        List<Tuple> r = em.createNativeQuery("select " + COLUMNS + " from declaration d where d.id = :id", Tuple.class)
                .setParameter("id", id).getResultList();
        if (r.isEmpty()) {
            throw DomainException.notFound("declaration", id);
        }
        DeclarationView d = view(r.get(0));
        if (!skipScope) {
            boolean own = scope.hasRole(Roles.RESIDENT) && d.householdNo().equals(scope.householdNo());
            if (!own && !scope.allows(r.get(0).get("region_code", String.class), d.siteCode())) {
                throw DomainException.notFound("declaration", id);
            }
        }
        return d;
    }

    private static DeclarationView view(Tuple d) {
        Status st = Status.valueOf(d.get("status", String.class));
        LocalDate due = date(d.get("due_by"));
        return new DeclarationView(d.get("id", UUID.class), ((Number) d.get("version")).longValue(),
                d.get("household_id", UUID.class), d.get("household_no", String.class), d.get("site_code", String.class),
                RiskCategory.valueOf(d.get("category", String.class)), d.get("description", String.class), st,
                d.get("declared_by", String.class), time(d.get("created_at")), due,
                st == Status.RECEIVED && due.isBefore(LocalDate.now()), time(d.get("acknowledged_at")),
                d.get("acknowledged_by", String.class), d.get("risk_id", UUID.class));
    }
}
