package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Community governance through the gateway with real tokens: a resident's registration-transfer request is routed
 * with a deadline, flagged overdue (the suite runs community with a 5 s acceptance time for 户籍迁移), answered and
 * rated; an inspection finds a hazard, monitoring flags the household, the hazard is followed up and closed with
 * evidence.
 */
class CommunityGovernanceIT {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    static String site(String code, String township) {
        var found = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/sites?size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.code == '" + code + "' }.id", String.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "安置点 " + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN"))
                .post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    static String household(String householdNo) {
        var r = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", householdNo, "siteId", site("XG-LJ-001", "360732100"), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1975, 3, 9, true),
                                "name", "曾庆华", "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households");
        if (r.statusCode() == 201) {
            return r.path("id");
        }
        return RiskAssistanceLoopIT.findHousehold(householdNo);
    }

    @Test
    void aResidentsRegistrationTransferIsRoutedFlaggedOverdueAnsweredAndRated() {
        String own = household("XG-H-0001");
        String resident = Tokens.bearer("resident.a1");
        String worker = Tokens.bearer("worker.a1");
        JsonPath filed = given().header("Authorization", resident).contentType(ContentType.JSON)
                .body(Map.of("category", "HOUSEHOLD_REGISTRATION", "title", "户口迁入安置社区",
                        "description", "全家户口仍在原籍，申请迁入潋江安置社区"))
                .post("/api/community/requests").then().statusCode(201).extract().jsonPath();
        String id = filed.getString("id");
        assertEquals(own, filed.getString("householdId"));
        assertEquals("公安派出所 户籍窗口", filed.getString("department"));
        assertTrue(OffsetDateTime.parse(filed.getString("dueAt")).isAfter(OffsetDateTime.now().minusMinutes(1)));

        // nobody accepts it within its time: it is flagged overdue and moves up to the township, then the county, by itself
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", worker).get("/api/community/requests/" + id).then().statusCode(200)
                        .body("request.overdue", equalTo(true)).body("request.level", equalTo("COUNTY")));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/requests?overdue=true&size=200")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/requests?overdue=true&size=200")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        JsonPath overdue = given().header("Authorization", worker).get("/api/community/requests/" + id).then().statusCode(200)
                .body("steps.action", equalTo(List.of("FILED", "ESCALATED", "ESCALATED"))).extract().jsonPath();

        long version = overdue.getLong("request.version");
        JsonPath accepted = given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("version", version))
                .post("/api/community/requests/" + id + "/accept").then().statusCode(200).extract().jsonPath();
        assertEquals(false, accepted.getBoolean("overdue"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", accepted.getLong("version"), "answer", "已开具准迁证明，请于周三到派出所办理落户"))
                .post("/api/community/requests/" + id + "/answer").then().statusCode(200).body("status", equalTo("ANSWERED"));
        given().header("Authorization", resident).contentType(ContentType.JSON)
                .body(Map.of("version", accepted.getLong("version") + 1, "rating", 5, "comment", "满意"))
                .post("/api/community/requests/" + id + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("rating", equalTo(5));
        given().header("Authorization", resident).get("/api/community/requests").then().statusCode(200)
                .body("items.householdNo", not(hasItem(not(equalTo("XG-H-0001")))));
    }

    @Test
    void anInspectionFindsAHazardMonitoringFlagsTheHouseholdAndTheHazardIsClosedWithEvidence() {
        String code = TestIds.code("XG-LJ");
        String siteId = site(code, "360732100");
        var h = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("E2E"), "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1958, 1, 15, false),
                                "name", "黄秀兰", "relationship", "HEAD", "labourCapacity", "NONE", "employmentStatus", "NOT_APPLICABLE"))))
                .post("/api/community/households").then().statusCode(201).extract().jsonPath();
        String household = h.getString("id");
        String township = Tokens.bearer("township.a");
        LocalDate today = LocalDate.now();
        String hazard = given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("siteId", siteId, "category", "GEOLOGICAL", "inspectedOn", today.toString(), "inspector", "县自然资源局 钟工",
                        "findings", "后山边坡雨后出现裂缝",
                        "hazards", List.of(Map.of("severity", "HIGH", "description", "后山边坡裂缝，威胁 1 户",
                                "householdIds", List.of(household), "owner", "潋江镇国土所", "dueOn", today.plusDays(5).toString()))))
                .post("/api/community/inspections").then().statusCode(201).extract().path("hazards[0].id");
        // monitoring hears of it and flags the household (housing safety)
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks?householdId=" + household)
                        .then().statusCode(200).body("items.category", hasItem("HOUSING_SAFETY")));
        given().header("Authorization", township).get("/api/community/hazards?status=OPEN&siteCode=" + code).then()
                .statusCode(200).body("items.id", hasItem(hazard));
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "note", "已设置警示牌，住户临时搬离", "followedOn", today.toString()))
                .post("/api/community/hazards/" + hazard + "/follow-ups").then().statusCode(200);
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "evidence", "边坡挡土墙完工，县自然资源局验收合格", "removedOn", today.toString()))
                .post("/api/community/hazards/" + hazard + "/close").then().statusCode(200).body("status", equalTo("REMOVED"));
        given().header("Authorization", township).get("/api/community/hazards?status=OPEN&siteCode=" + code).then()
                .statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/hazards/" + hazard).then().statusCode(404);
    }

    @Test
    void aResidentsJobsRequestBecomesAnEmploymentTaskAndTheHouseholdsGridWorkerAndFeesAreScoped() {
        String own = household("XG-H-0001");
        String site = site("XG-LJ-001", "360732100");
        String worker = Tokens.bearer("worker.a1");
        String resident = Tokens.bearer("resident.a1");
        String grid = given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "code", TestIds.code("G"), "name", "潋江一网格", "workerName", "黄小红",
                        "workerUsername", "worker.a1"))
                .post("/api/community/organisation/grids").then().statusCode(201).extract().path("id");
        given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("householdIds", List.of(own)))
                .post("/api/community/organisation/grids/" + grid + "/households").then().statusCode(200);
        given().header("Authorization", worker).get("/api/community/organisation/households/" + own + "/grid").then()
                .statusCode(200).body("workerUsername", equalTo("worker.a1"));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/organisation/households/" + own + "/grid")
                .then().statusCode(404);
        given().header("Authorization", resident).get("/api/community/organisation/grids").then().statusCode(403);

        // the resident asks for work at the one-stop window: employment gets a job-matching task for it
        String request = given().header("Authorization", resident).contentType(ContentType.JSON)
                .body(Map.of("category", "JOBS", "title", "求职", "description", "希望在县城工业园就近就业"))
                .post("/api/community/requests").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/employment/tasks?riskId=" + request)
                        .then().statusCode(200).body("total", equalTo(1)).body("items[0].kind", equalTo("JOB_MATCHING"))
                        .body("items[0].householdId", equalTo(own)));

        // property fees: the resident sees their own household's bill only
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "period", java.time.YearMonth.now().toString(), "monthlyFee", 30))
                .post("/api/community/property/fees/bills").then().statusCode(201);
        given().header("Authorization", resident).get("/api/community/property/fees?period=" + java.time.YearMonth.now())
                .then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].householdNo", equalTo("XG-H-0001"));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/property/fees?siteCode=XG-LJ-001")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
