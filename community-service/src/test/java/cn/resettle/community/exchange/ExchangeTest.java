package cn.resettle.community.exchange;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Other government systems read the registry and answer social-assistance referrals with real client-credentials
 * tokens: this county's system (gov-exchange, region 360732) and another county's (gov-exchange-other, 360733).
 */
@QuarkusTest
class ExchangeTest {

    static String system() {
        return "Bearer " + Tokens.system();
    }

    static String otherCounty() {
        return "Bearer " + RestAssured.given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "gov-exchange-other").formParam("client_secret", "gov-exchange-other-local-secret")
                .post(Tokens.KEYCLOAK + "/realms/resettle/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String site() {
        var found = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/sites?size=200")
                .then().extract().jsonPath().getList("items.findAll { it.code == 'XG-LJ-001' }.id", String.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", "XG-LJ-001", "name", "潋江安置点", "countyCode", "360732", "townshipCode", "360732100",
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    /** A household of two: the head (labour as given) and his wife. */
    static String household(String headId, String wifeId, String labour) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("EXC"), "siteId", site(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "phone", "13907971234", "members", List.of(
                                Map.of("idNumber", headId, "name", "钟桂生", "relationship", "HEAD", "labourCapacity", labour,
                                        "employmentStatus", "NOT_APPLICABLE", "phone", "13907975678"),
                                Map.of("idNumber", wifeId, "name", "刘秀英", "relationship", "SPOUSE", "labourCapacity", labour,
                                        "employmentStatus", "NOT_APPLICABLE"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse search(String auth, Map<String, ?> body, String query) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .post("/api/community/exchange/households/search" + query).then();
    }

    static io.restassured.response.ValidatableResponse auditOf(String household, String actor) {
        return given().header("Authorization", Tokens.bearer("auditor.a"))
                .get("/api/community/audit?householdId=" + household + "&actor=" + actor).then().statusCode(200);
    }

    @Test
    void thisCountysSystemFindsAPersonByIdNumberMaskedAndAudited() {
        String head = TestIds.citizenId(1956, 7, 12, true);
        String wife = TestIds.citizenId(1958, 2, 3, false);
        String h = household(head, wife, "FULL");
        String body = search(system(), Map.of("idNumber", wife.toLowerCase()), "").statusCode(200)
                .body("total", equalTo(1)).body("items[0].recordId", equalTo(h))
                .body("items[0].headName", equalTo("钟桂生")).body("items[0].memberCount", equalTo(2))
                .body("items[0].phone", equalTo("139****1234"))
                .body("items[0].members.find { it.name == '刘秀英' }.matched", equalTo(true))
                .body("items[0].members.find { it.name == '钟桂生' }.matched", equalTo(false))
                .body("items[0].members.find { it.name == '刘秀英' }.idNumber", equalTo(wife.substring(0, 6) + "********" + wife.substring(14)))
                .body("items[0].members.find { it.name == '刘秀英' }.birthDate", nullValue())
                .body("items[0].members.find { it.name == '刘秀英' }.age", notNullValue())
                .body("items[0].members.find { it.name == '刘秀英' }.relationshipLabel", equalTo("配偶"))
                .extract().asString();
        // nothing in the masked answer gives back what the mask hides
        org.junit.jupiter.api.Assertions.assertFalse(body.contains(wife.substring(6, 14)), body);
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("13907975678"), body);
        // the audit trail names the system and the household it was shown, masked
        auditOf(h, "service-account-gov-exchange").body("total", equalTo(1))
                .body("items[0].action", equalTo("LIST")).body("items[0].unmasked", equalTo(false))
                .body("items[0].path", equalTo("/api/community/exchange/households/search"))
                .body("items[0].detail", not(containsString(wife)));
        // a civil-affairs officer by hand sees the numbers in clear, and that is audited as unmasked
        search(Tokens.bearer("civil.officer"), Map.of("idNumber", head), "").statusCode(200)
                .body("items[0].members.find { it.name == '钟桂生' }.idNumber", equalTo(head))
                .body("items[0].members.find { it.name == '钟桂生' }.birthDate", equalTo(cn.resettle.common.validation.CitizenIds.birthDate(head).toString()));
        auditOf(h, "civil.officer").body("total", equalTo(1)).body("items[0].unmasked", equalTo(true));
    }

    @Test
    void anotherCountysSystemSeesNothingOfThisCounty() {
        String head = TestIds.citizenId(1961, 5, 5, true);
        String h = household(head, TestIds.citizenId(1962, 6, 6, false), "FULL");
        household(TestIds.citizenId(1963, 7, 7, true), TestIds.citizenId(1964, 8, 8, false), "WEAK");
        String other = otherCounty();
        search(other, Map.of("idNumber", head), "").statusCode(200).body("total", equalTo(0)).body("items.size()", equalTo(0));
        search(other, Map.of("regionCode", "360732"), "").statusCode(200).body("total", equalTo(0));
        search(other, Map.of("regionCode", "360732100"), "?size=200").statusCode(200).body("total", equalTo(0));
        auditOf(h, "service-account-gov-exchange-other").body("total", equalTo(0));
        // the miss itself is on the trail (no household named): someone trying numbers shows up
        given().header("Authorization", Tokens.bearer("auditor.a")).get("/api/community/audit?actor=service-account-gov-exchange-other&size=200")
                .then().statusCode(200).body("items.detail", hasItem(containsString("no household in scope")));
        // this county's system pages through its region
        search(system(), Map.of("regionCode", "360732100"), "?size=2").statusCode(200)
                .body("items.size()", equalTo(2)).body("items.regionCode", everyItem(startsWith("360732100")))
                .body("nextCursor", notNullValue());
    }

    @Test
    void anIdNumberSearchIsExactAndCheckedNotAnOracle() {
        String id = TestIds.citizenId(1970, 1, 1, true);
        search(system(), Map.of("idNumber", TestIds.withWrongCheckDigit(id)), "").statusCode(400)
                .body("violations[0].field", equalTo("idNumber"));
        search(system(), Map.of("idNumber", id.substring(0, 17)), "").statusCode(400).body("violations[0].field", equalTo("idNumber"));
        search(system(), Map.of("idNumber", "360732%"), "").statusCode(400).body("violations[0].field", equalTo("idNumber"));
        search(system(), Map.of(), "").statusCode(400).body("violations[0].field", equalTo("idNumber"));
        search(system(), Map.of("idNumber", id, "regionCode", "360732"), "").statusCode(400);
        search(system(), Map.of("regionCode", "36"), "").statusCode(400).body("violations[0].field", equalTo("regionCode"));
        search(system(), Map.of("regionCode", "360732"), "?size=1000").statusCode(400).body("violations[0].field", equalTo("size"));
        search(system(), Map.of("idNumber", id), "").statusCode(200).body("total", equalTo(0));
        search(Tokens.bearer("worker.a1"), Map.of("idNumber", id), "").statusCode(403);
        search(Tokens.bearer("emp.officer"), Map.of("idNumber", id), "").statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("idNumber", id)).post("/api/community/exchange/households/search")
                .then().statusCode(401);
    }

    /** A risk of a household where nobody can work: community opens a social-assistance referral; returns its id. */
    static String referral(String household) {
        UUID h = UUID.fromString(household);
        UUID risk = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, h, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(risk, h, "x",
                "360732100", "XG-LJ-001", "ILLNESS", "VISIT", "HIGH", "户主患病，家庭无劳动力", OffsetDateTime.now()));
        return await().atMost(Duration.ofSeconds(90)).until(() -> given().header("Authorization", system())
                .get("/api/community/exchange/referrals?status=OPEN&size=200").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.findAll { it.riskId == '" + risk + "' }.referralId").stream().findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    static Map<String, Object> granted() {
        return new HashMap<>(Map.of("programme", "DIBAO", "decision", "GRANTED", "decisionNo", "兴民低保〔2026〕118号",
                "decidedOn", LocalDate.now().toString(), "monthlyAmount", 620, "effectiveFrom", LocalDate.now().withDayOfMonth(1).toString()));
    }

    static io.restassured.response.ValidatableResponse decide(String auth, String referral, Map<String, Object> body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .post("/api/community/exchange/referrals/" + referral + "/decision").then();
    }

    @Test
    void civilAffairsGrantsOnceTheSameReportAgainChangesNothingAndAnotherIsAConflict() {
        String h = household(TestIds.citizenId(1944, 9, 9, true), TestIds.citizenId(1946, 1, 2, false), "NONE");
        String referral = referral(h);
        // the referral shows the household (masked for a system)
        given().header("Authorization", system()).get("/api/community/exchange/referrals?status=OPEN&size=200").then()
                .body("items.find { it.referralId == '" + referral + "' }.household.recordId", equalTo(h))
                .body("items.find { it.referralId == '" + referral + "' }.household.members[0].idNumber", containsString("********"));
        // another county's system does not even see it
        decide(otherCounty(), referral, granted()).statusCode(404);
        String reportedAt = decide(system(), referral, granted()).statusCode(201)
                .body("decision", equalTo("GRANTED")).body("programmeLabel", equalTo("最低生活保障（低保）"))
                .body("taskStatus", equalTo("COMPLETED")).body("reportedBy", equalTo("service-account-gov-exchange"))
                .extract().path("reportedAt");
        // monitoring hears it as the task completed, with the decision as the outcome
        TestEvents.awaitEvent(Topics.COMMUNITY, e -> e.path("type").asText().equals(TaskEvents.COMPLETED)
                && e.path("data").path("taskId").asText().equals(referral)
                && e.path("data").path("outcome").asText().contains("兴民低保〔2026〕118号")
                && e.path("data").path("outcome").asText().contains("每月 620.00 元"));
        // the same report again (a retry): the recorded answer, nothing applied twice
        decide(system(), referral, granted()).statusCode(200).body("reportedAt", equalTo(reportedAt))
                .body("taskStatus", equalTo("COMPLETED"));
        // a different report for the same referral: 409, the recorded answer stays
        Map<String, Object> refused = granted();
        refused.put("decision", "REFUSED");
        refused.put("reason", "家庭收入高于当地低保标准");
        decide(system(), referral, refused).statusCode(409).body("type", equalTo("https://resettle.cn/problems/decision-conflict"));
        Map<String, Object> otherAmount = granted();
        otherAmount.put("monthlyAmount", 700);
        decide(Tokens.bearer("civil.officer"), referral, otherAmount).statusCode(409);
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/tasks/" + referral).then()
                .body("status", equalTo("COMPLETED")).body("closedBy", equalTo("service-account-gov-exchange"));
    }

    @Test
    void aRefusalDeclinesTheReferralWithItsReason() {
        String h = household(TestIds.citizenId(1940, 3, 3, true), TestIds.citizenId(1941, 4, 4, false), "NONE");
        String referral = referral(h);
        Map<String, Object> refused = granted();
        refused.remove("monthlyAmount");
        refused.put("programme", "TEKUN");
        refused.put("decision", "REFUSED");
        decide(Tokens.bearer("civil.officer"), referral, refused).statusCode(400).body("violations[0].field", equalTo("reason"));
        refused.put("decidedOn", LocalDate.now().plusDays(3).toString());
        refused.put("reason", "有法定赡养人且具备赡养能力");
        decide(Tokens.bearer("civil.officer"), referral, refused).statusCode(400).body("violations[0].field", equalTo("decidedOn"));
        refused.put("decidedOn", LocalDate.now().toString());
        refused.put("programme", "PENSION");
        decide(Tokens.bearer("civil.officer"), referral, refused).statusCode(400);
        refused.put("programme", "TEKUN");
        decide(Tokens.bearer("worker.a1"), referral, refused).statusCode(403);
        decide(Tokens.bearer("civil.officer"), referral, refused).statusCode(201).body("taskStatus", equalTo("DECLINED"));
        TestEvents.awaitEvent(Topics.COMMUNITY, e -> e.path("type").asText().equals(TaskEvents.DECLINED)
                && e.path("data").path("taskId").asText().equals(referral)
                && e.path("data").path("reason").asText().contains("特困人员救助供养（特困） 不予批准")
                && e.path("data").path("reason").asText().contains("有法定赡养人"));
        // not a referral: another kind of task, or no task at all, is 404
        decide(system(), UUID.randomUUID().toString(), granted()).statusCode(404);
    }
}
