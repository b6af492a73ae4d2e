package cn.resettle.monitoring;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A list request costs a fixed number of SQL statements, whatever the page size: the page's rows in one statement,
 * what they carry (case steps, plan measures) in one more, and a count only when the page is full. Before the
 * paging helper a page of 10 cases cost 22 statements (count, ids, then the case and its steps one by one), a page
 * of 10 declarations 12 and a page of 10 risks 12. Counted with Hibernate's statistics (enabled in the test
 * profile); the relay and consumers run meanwhile, so the bound leaves room for a few of their statements.
 */
@QuarkusTest
class ListStatementsTest {

    static final String REGION = "360732100";
    static final String SITE = "XG-LJ-001";
    static final int PAGE = 10;
    static final long BOUND = 8; // 3 statements for the list itself, plus room for the background pollers

    @Inject
    EntityManager em;
    @Inject
    SessionFactory sessions;

    @Test
    void casesDeclarationsAndRisksListInAFixedNumberOfStatements() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < PAGE; i++) {
                UUID household = UUID.randomUUID();
                String no = TestIds.code("LST");
                UUID caseId = UUID.randomUUID();
                em.createNativeQuery("insert into monitoring_case (id, version, household_id, household_no, region_code, site_code, "
                                + "subject_type, source, status, opened_at, opened_by, due_by) values (?1, 1, ?2, ?3, ?4, ?5, "
                                + "'MARGINAL_AT_RISK', 'CADRE', 'AWAITING_DEMOCRATIC_REVIEW', ?6, 'worker.a1', ?7)")
                        .setParameter(1, caseId).setParameter(2, household).setParameter(3, no).setParameter(4, REGION)
                        .setParameter(5, SITE).setParameter(6, OffsetDateTime.now()).setParameter(7, LocalDate.now().plusDays(20))
                        .executeUpdate();
                em.createNativeQuery("insert into case_step (id, case_id, step, passed, actor, at) "
                                + "values (?1, ?2, 'HOME_CHECK', true, 'worker.a1', ?3)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, caseId).setParameter(3, OffsetDateTime.now())
                        .executeUpdate();
                em.createNativeQuery("insert into declaration (id, version, household_id, household_no, region_code, site_code, "
                                + "declared_by, category, description, status, created_at, due_by) values (?1, 0, ?2, ?3, ?4, ?5, "
                                + "'resident', 'ILLNESS', '家中老人住院', 'RECEIVED', ?6, ?7)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, household).setParameter(3, no).setParameter(4, REGION)
                        .setParameter(5, SITE).setParameter(6, OffsetDateTime.now()).setParameter(7, LocalDate.now().plusDays(2))
                        .executeUpdate();
                UUID riskId = UUID.randomUUID();
                em.createNativeQuery("insert into risk (id, version, household_id, household_no, region_code, site_code, category, "
                                + "source, severity, status, flagged_month, flagged_at) values (?1, 0, ?2, ?3, ?4, ?5, 'ILLNESS', "
                                + "'CADRE', 'MEDIUM', 'OPEN', ?6, ?7)")
                        .setParameter(1, riskId).setParameter(2, household).setParameter(3, no).setParameter(4, REGION)
                        .setParameter(5, SITE).setParameter(6, java.time.YearMonth.now().toString())
                        .setParameter(7, OffsetDateTime.now()).executeUpdate();
                em.createNativeQuery("insert into plan_measure (id, risk_id, household_id, task_id, domain, department, kind, "
                                + "status, updated_at) values (?1, ?2, ?3, ?4, 'community', '民政', 'MEDICAL_AID', 'PLANNED', ?5)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, riskId).setParameter(3, household)
                        .setParameter(4, UUID.randomUUID()).setParameter(5, OffsetDateTime.now()).executeUpdate();
            }
        });
        long cases = statements("/api/monitoring/cases?size=" + PAGE);
        long declarations = statements("/api/monitoring/declarations?size=" + PAGE);
        long risks = statements("/api/monitoring/risks?size=" + PAGE);
        System.out.printf("SQL statements per list request (page of %d): cases %d, declarations %d, risks %d%n",
                PAGE, cases, declarations, risks);
        assertTrue(cases <= BOUND, "cases: " + cases + " statements");
        assertTrue(declarations <= BOUND, "declarations: " + declarations + " statements");
        assertTrue(risks <= BOUND, "risks: " + risks + " statements");
    }

    private long statements(String path) {
        var stats = sessions.getStatistics();
        long before = stats.getPrepareStatementCount();
        given().header("Authorization", Tokens.bearer("county.admin")).get(path).then().statusCode(200)
                .body("items.size()", equalTo(PAGE)).body("size", equalTo(PAGE));
        return stats.getPrepareStatementCount() - before;
    }
}
