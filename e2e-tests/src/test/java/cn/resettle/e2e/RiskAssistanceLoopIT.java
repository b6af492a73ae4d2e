package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/**
 * The risk → assistance loop through the gateway with real tokens, across all four services: a visit finds income
 * below the line; employment and industry get tasks; when they are done the plan shows it; elimination waits for
 * stable income; a job lost in employment comes back to employment as a task; a resident declares only for their
 * own household.
 */
class RiskAssistanceLoopIT {

    static final YearMonth NOW = YearMonth.now();

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    /** The id of the household with this number, looking through every page (other tests register many), or null. */
    static String findHousehold(String householdNo) {
        String cursor = null;
        do {
            var page = given().header("Authorization", Tokens.bearer("county.admin"))
                    .get("/api/community/households?size=200" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.findAll { it.householdNo == '" + householdNo + "' }.id", String.class);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return null;
    }

    static Map<String, String> registerHousehold(String householdNo) {
        return registerHousehold(householdNo, "FULL", "UNEMPLOYED");
    }

    static Map<String, String> registerHousehold(String householdNo, String labourCapacity, String employmentStatus) {
        String siteId = RegistryAcrossServicesIT.site("XG-LJ-001", "360732100");
        String head = TestIds.citizenId(1982, 3, 4, true);
        var r = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", householdNo, "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(
                                Map.of("idNumber", head, "name", "赵一", "relationship", "HEAD", "labourCapacity", labourCapacity,
                                        "employmentStatus", employmentStatus))))
                .post("/api/community/households").then().statusCode(201).extract();
        String id = r.path("id");
        String personId = r.path("members[0].id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("civil.officer")).get("/api/monitoring/registry/households/" + id)
                        .then().statusCode(200));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/employment/registry/households/" + id)
                        .then().statusCode(200));
        return Map.of("id", id, "personId", personId);
    }

    static io.restassured.response.ValidatableResponse visit(String household, YearMonth month, int income) {
        return given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", household, "visitMonth", month.toString(), "visitedOn", month.atDay(5).toString(),
                        "perCapitaIncome", income))
                .post("/api/monitoring/visits").then().statusCode(201);
    }

    static void completeTask(String domain, String user, String riskId) {
        String auth = Tokens.bearer(user);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", auth).get("/api/" + domain + "/tasks?riskId=" + riskId).then().body("total", equalTo(1)));
        var task = given().header("Authorization", auth).get("/api/" + domain + "/tasks?riskId=" + riskId).then().extract();
        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("version", task.<Integer>path("items[0].version"), "outcome", "已落实"))
                .post("/api/" + domain + "/tasks/" + task.<String>path("items[0].id") + "/complete").then().statusCode(200);
    }

    static io.restassured.response.ValidatableResponse eliminate(String riskId) {
        int version = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                .then().extract().path("version");
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("version", version)).post("/api/monitoring/risks/" + riskId + "/eliminate").then();
    }

    @Test
    void incomeBelowTheLineBecomesAssistanceAndTheRiskIsEliminatedOnlyWhenIncomeIsStable() {
        String h = registerHousehold(TestIds.code("LOOP")).get("id");
        String riskId = visit(h, NOW.minusMonths(3), 5200).body("risks[0].category", equalTo("INCOME_DROP"))
                .extract().path("risks[0].id");

        // within seconds a job-matching task exists in employment, and an industry link task in industry
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/employment/tasks?riskId=" + riskId)
                        .then().body("items[0].kind", equalTo("JOB_MATCHING")).body("items[0].targetPeople", equalTo("赵一")));
        completeTask("employment", "emp.officer", riskId);
        completeTask("industry", "ind.officer", riskId);
        completeTask("community", "worker.a1", riskId); // the site worker's home visit

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures.size()", equalTo(3)).body("measures.status", everyItem(equalTo("DONE"))));

        eliminate(riskId).statusCode(422).body("type", equalTo("https://resettle.cn/problems/income-not-stable"));
        visit(h, NOW.minusMonths(2), 8800);
        visit(h, NOW.minusMonths(1), 9100);
        eliminate(riskId).statusCode(422); // two stable months; the default rule asks for three
        visit(h, NOW, 9300);
        eliminate(riskId).statusCode(200).body("status", equalTo("ELIMINATED"));
    }

    @Test
    void aRiskNoDepartmentTakesUpStillGetsAHomeVisitAndCannotBeEliminatedAtOnce() {
        // everyone able to work is recorded as employed: a cadre's JOB_LOSS finds nothing for employment to do
        String h = registerHousehold(TestIds.code("LOOP"), "FULL", "EMPLOYED_LOCAL").get("id");
        String riskId = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "JOB_LOSS", "severity", "HIGH", "evidence", "务工企业停产，户主待岗"))
                .post("/api/monitoring/risks").then().statusCode(201).extract().path("id");
        // right after flagging, before any task exists, it cannot be eliminated
        eliminate(riskId).statusCode(422).body("type", equalTo("https://resettle.cn/problems/measures-not-done"));

        // the household's site worker gets a home visit, and the plan shows it
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/tasks?riskId=" + riskId)
                        .then().body("total", equalTo(1)).body("items[0].kind", equalTo("HOME_VISIT")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures.size()", equalTo(1)).body("measures[0].status", equalTo("PLANNED")));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks?unassigned=true&householdId=" + h)
                .then().statusCode(200).body("total", equalTo(0));
        eliminate(riskId).statusCode(422).body("type", equalTo("https://resettle.cn/problems/measures-not-done"));
    }

    @Test
    void closingARiskWithAReasonCancelsTheTasksStillOpenElsewhere() {
        // the head cannot work: a household without labour
        Map<String, String> h = registerHousehold(TestIds.code("LOOP"), "NONE", "NOT_APPLICABLE");
        String riskId = visit(h.get("id"), NOW.minusMonths(1), 2600).body("risks[0].category", equalTo("INCOME_DROP"))
                .extract().path("risks[0].id");

        // community refers it to social assistance; industry opens a link task too
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("ind.officer")).get("/api/industry/tasks?riskId=" + riskId)
                        .then().body("total", equalTo(1)));
        completeTask("community", "worker.a1", riskId);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures.size()", equalTo(2)).body("measures.status", hasItem("DONE")));
        eliminate(riskId).statusCode(422).body("type", equalTo("https://resettle.cn/problems/measures-not-done"));

        int version = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                .then().extract().path("version");
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("version", version, "reason", "家庭无劳动能力，已纳入低保兜底，产业帮扶不适用"))
                .post("/api/monitoring/risks/" + riskId + "/eliminate").then().statusCode(200)
                .body("status", equalTo("LONG_TERM")).body("eliminationReason", equalTo("家庭无劳动能力，已纳入低保兜底，产业帮扶不适用"));

        // the industry task still open is cancelled, and the plan says so
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("ind.officer")).get("/api/industry/tasks?riskId=" + riskId)
                        .then().body("items[0].status", equalTo("CANCELLED")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures.find { it.domain == 'industry' }.status", equalTo("CANCELLED"))
                        .body("measures.find { it.domain == 'community' }.status", equalTo("DONE")));
    }

    @Test
    void aJobLostInEmploymentComesBackAsATaskInEmployment() {
        Map<String, String> h = registerHousehold(TestIds.code("LOOP"));
        String emp = Tokens.bearer("emp.officer");
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("employer", "县工业园", "since", LocalDate.now().minusMonths(6).toString(), "kind", "EMPLOYED_LOCAL"))
                .post("/api/employment/people/" + h.get("personId") + "/placement").then().statusCode(200);
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("reason", "工厂停产", "lostOn", LocalDate.now().toString()))
                .post("/api/employment/people/" + h.get("personId") + "/job-loss").then().statusCode(200)
                .body("householdWithoutEmployment", equalTo(true));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin"))
                        .get("/api/monitoring/risks?householdId=" + h.get("id") + "&category=JOB_LOSS")
                        .then().body("items[0].source", equalTo("JOB_LOSS_EVENT")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/tasks?householdId=" + h.get("id"))
                        .then().body("items.kind", hasItem("JOB_MATCHING")));
    }

    @Test
    void aResidentCannotDeclareForAnotherHousehold() {
        // resident.a1 belongs to household XG-H-0001 (claim household_no in the token)
        String found = findHousehold("XG-H-0001");
        String own = found == null ? registerHousehold("XG-H-0001").get("id") : found;
        given().header("Authorization", Tokens.bearer("resident.a1")).contentType(ContentType.JSON)
                .body(Map.of("category", "ILLNESS", "description", "家人住院", "householdNo", "XG-H-0002"))
                .post("/api/monitoring/declarations").then().statusCode(403).contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("resident.a1")).contentType(ContentType.JSON)
                        .body(Map.of("category", "ILLNESS", "description", "家人住院"))
                        .post("/api/monitoring/declarations").then().statusCode(201).body("householdId", equalTo(own)));
    }
}
