package cn.resettle.monitoring.exchange;

import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Other government systems read monitoring subjects with client-credentials tokens: scoped, masked, audited. */
@QuarkusTest
class SubjectExchangeTest {

    static final String SITE = "XG-LJ-001";
    static final String REGION = "360732100";

    /** A client-credentials token of another county's system (realm: gov-exchange-other, region 360733). */
    static String otherCounty() {
        return "Bearer " + RestAssured.given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "gov-exchange-other").formParam("client_secret", "gov-exchange-other-local-secret")
                .post(Tokens.KEYCLOAK + "/realms/resettle/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    /** Exchange audit rows that showed the household: actor, action, unmasked, detail. */
    @SuppressWarnings("unchecked")
    List<Object[]> audit(UUID household) {
        return em.createNativeQuery("select actor, action, unmasked, detail from audit_log where subject_type = 'exchange-subject' "
                + "and household_ids @> cast(?1 as uuid[])").setParameter(1, "{" + household + "}").getResultList();
    }

    static String system() {
        return "Bearer " + Tokens.system();
    }

    /** A household in the registry copy, identified as a monitoring subject through the whole procedure. */
    static UUID subject(String idNumber) {
        return subject(idNumber, TestIds.code("EXS"));
    }

    static UUID subject(String idNumber, String householdNo) {
        UUID h = UUID.randomUUID();
        TestEvents.registerHousehold(TestEvents.household(h, householdNo, SITE, REGION, Map.of(idNumber, "NONE")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/registry/households/" + h)
                        .then().statusCode(200));
        String caseId = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "subjectType", "MARGINAL_AT_RISK", "source", "CADRE"))
                .post("/api/monitoring/cases").then().statusCode(201).extract().path("id");
        step(caseId, 0, "HOME_CHECK", "worker.a1", null);
        step(caseId, 1, "DEMOCRATIC_REVIEW", "worker.a1", null);
        step(caseId, 2, "PUBLIC_NOTICE", "township.a", LocalDate.now().minusDays(7).toString());
        step(caseId, 3, "TOWNSHIP_REVIEW", "township.a", null);
        step(caseId, 4, "COUNTY_APPROVAL", "county.admin", null);
        return h;
    }

    static void step(String caseId, int version, String step, String user, String noticeStart) {
        Map<String, Object> body = new HashMap<>(Map.of("version", version, "step", step, "passed", true));
        if (noticeStart != null) {
            body.put("noticeStartedOn", noticeStart);
        }
        given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/monitoring/cases/" + caseId + "/steps").then().statusCode(200);
    }

    static io.restassured.response.ValidatableResponse search(String auth, Map<String, ?> body, String query) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .post("/api/monitoring/exchange/subjects/search" + query).then();
    }

    @Test
    void aSystemOfTheCountyFindsASubjectByIdNumberMaskedAndAudited() {
        String id = TestIds.citizenId(1948, 3, 8, true);
        UUID h = subject(id);
        search(system(), Map.of("idNumber", id), "").statusCode(200)
                .body("total", equalTo(1)).body("items[0].householdId", equalTo(h.toString()))
                .body("items[0].subjectType", equalTo("MARGINAL_AT_RISK")).body("items[0].subjectTypeLabel", equalTo("边缘易致贫户"))
                .body("items[0].members[0].matched", equalTo(true))
                .body("items[0].members[0].idNumber", equalTo(id.substring(0, 6) + "********" + id.substring(14)))
                .body("items[0].members[0]", not(org.hamcrest.Matchers.hasKey("birthYear")))
                .body(not(org.hamcrest.Matchers.containsString(id)));
        // the audit row names the system and the household it was shown, never the number
        List<Object[]> rows = audit(h);
        org.junit.jupiter.api.Assertions.assertEquals(1, rows.size(), "one audit row for the one answer that showed the household");
        org.junit.jupiter.api.Assertions.assertEquals("service-account-gov-exchange", rows.get(0)[0]);
        org.junit.jupiter.api.Assertions.assertEquals("LIST", rows.get(0)[1]);
        org.junit.jupiter.api.Assertions.assertEquals(Boolean.FALSE, rows.get(0)[2]);
        org.junit.jupiter.api.Assertions.assertFalse(String.valueOf(rows.get(0)[3]).contains(id.substring(6, 14)));
    }

    @Test
    void anotherCountysSystemSeesNothingOfThisCounty() {
        String id = TestIds.citizenId(1952, 4, 9, false);
        UUID h = subject(id);
        String other = otherCounty();
        search(other, Map.of("idNumber", id), "").statusCode(200).body("total", equalTo(0)).body("items.size()", equalTo(0));
        search(other, Map.of("regionCode", "360732"), "").statusCode(200).body("total", equalTo(0));
        search(other, Map.of("regionCode", REGION), "").statusCode(200).body("total", equalTo(0));
        org.junit.jupiter.api.Assertions.assertEquals(0, audit(h).size(),
                "the other county's searches showed nothing of the household");
        // this county's system does see it by region
        search(system(), Map.of("regionCode", REGION), "?size=200").statusCode(200)
                .body("total", greaterThanOrEqualTo(1)).body("items.regionCode", everyItem(startsWith(REGION)));
    }

    @Test
    void anIdNumberSearchIsExactAndCheckedNotAnOracle() {
        String id = TestIds.citizenId(1960, 1, 1, true);
        search(system(), Map.of("idNumber", TestIds.withWrongCheckDigit(id)), "").statusCode(400)
                .body("violations[0].field", equalTo("idNumber"));
        search(system(), Map.of("idNumber", id.substring(0, 17)), "").statusCode(400)
                .body("violations[0].field", equalTo("idNumber"));
        search(system(), Map.of("idNumber", id.substring(0, 6) + "%"), "").statusCode(400);
        search(system(), Map.of(), "").statusCode(400).body("violations[0].field", equalTo("idNumber"));
        search(system(), Map.of("idNumber", id, "regionCode", REGION), "").statusCode(400);
        search(system(), Map.of("regionCode", "3607"), "").statusCode(400).body("violations[0].field", equalTo("regionCode"));
        search(system(), Map.of("regionCode", REGION), "?size=201").statusCode(400).body("violations[0].field", equalTo("size"));
        // a valid number of nobody: an empty page, the same as a person outside the scope
        search(system(), Map.of("idNumber", id), "").statusCode(200).body("total", equalTo(0));
        // officers by hand, yes; a site worker or a resident, no
        search(Tokens.bearer("worker.a1"), Map.of("idNumber", id), "").statusCode(403);
        search(Tokens.bearer("resident.a1"), Map.of("idNumber", id), "").statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("idNumber", id)).post("/api/monitoring/exchange/subjects/search")
                .then().statusCode(401);
    }
}
