package cn.resettle.monitoring.industry;

import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

@Path("/api/monitoring/income-evidence")
@Tag(name = "收入佐证 Income evidence")
public class IncomeEvidenceResource {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    public record Evidence(UUID id, UUID householdId, String regionCode, String siteCode, String source, String kind,
                           BigDecimal amount, LocalDate paidOn, int year, UUID reference) {
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Income other services paid to households in your scope (industry: dividends, rents), latest first; filter by household, year")
    public PageResult<Evidence> list(@QueryParam("householdId") UUID householdId, @QueryParam("year") Integer year,
                                     @Valid @BeanParam PageRequest page) {
        PageResult<Evidence> p = ListQuery.scoped(scope.filter("e.region_code", "e.site_code"))
                .and("e.household_id = :h", "h", householdId)
                .and("e.year = :y", "y", year)
                .nativePage(em, "e.id, e.household_id, e.region_code, e.site_code, e.source, e.kind, e.amount, e.paid_on, e.year, e.reference",
                        "income_evidence e", "e.paid_on desc, e.id", page, t -> new Evidence(t.get("id", UUID.class),
                                t.get("household_id", UUID.class), t.get("region_code", String.class), t.get("site_code", String.class),
                                t.get("source", String.class), t.get("kind", String.class), t.get("amount", BigDecimal.class),
                                SqlValues.date(t.get("paid_on")), ((Number) t.get("year")).intValue(), t.get("reference", UUID.class)));
        audit.list("income-evidence", p.items().stream().map(Evidence::householdId).distinct().toList(), false,
                "household=" + householdId + ",year=" + year);
        return p;
    }
}
