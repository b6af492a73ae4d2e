package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The workshop loop through the gateway with real tokens: an assistance workshop closes at its quarterly check →
 * monitoring flags the household whose only earner worked there → industry gets an industry-link task → the
 * township links the household to a cooperative → the task completes and the plan's measure is done.
 */
class WorkshopLoopIT {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aClosedWorkshopsWorkersHouseholdIsFlaggedTaskedLinkedAndTheMeasureDone() {
        Map<String, String> h = RiskAssistanceLoopIT.registerHousehold(TestIds.code("WS"));
        String household = h.get("id");
        String officer = Tokens.bearer("ind.officer");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", officer).get("/api/industry/registry/households/" + household).then().statusCode(200));
        Map<String, Object> workshop = Map.of("name", "潋江竹木加工帮扶车间 " + TestIds.code("W"), "siteCode", "XG-LJ-001",
                "operator", "兴国县竹韵工艺品有限公司", "products", "竹编、木制工艺品", "jobs", 40, "openedOn", "2025-03-01");
        // the site reaches industry's registry copy on its own; retry until it has
        String[] ws = new String[1];
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> ws[0] = given().header("Authorization", officer)
                .contentType(ContentType.JSON).body(workshop).post("/api/industry/workshops").then().statusCode(201).extract().path("id"));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("personId", h.get("personId"), "post", "编织工", "since", "2025-04-01"))
                .post("/api/industry/workshops/" + ws[0] + "/workers").then().statusCode(201);

        String quarter = LocalDate.now().getYear() + "Q" + ((LocalDate.now().getMonthValue() - 1) / 3 + 1);
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("quarter", quarter, "status", "CLOSED", "workers", 12, "income", 0, "checkedOn", LocalDate.now().toString(),
                        "note", "订单中断，车间关闭"))
                .post("/api/industry/workshops/" + ws[0] + "/checks").then().statusCode(201)
                .body("householdsWithoutEarner", contains(household));

        String admin = Tokens.bearer("county.admin");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/monitoring/risks?householdId=" + household).then()
                        .body("items.source", hasItem("WORKSHOP_EVENT")));
        String riskId = given().header("Authorization", admin).get("/api/monitoring/risks?householdId=" + household)
                .then().extract().path("items.find { it.source == 'WORKSHOP_EVENT' }.id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", officer).get("/api/industry/tasks?riskId=" + riskId).then()
                        .body("total", equalTo(1)).body("items[0].kind", equalTo("INDUSTRY_LINK")));
        String task = given().header("Authorization", officer).get("/api/industry/tasks?riskId=" + riskId).then().extract().path("items[0].id");

        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("householdId", household, "kind", "COOPERATIVE", "partner", "兴国县潋江镇蔬菜种植专业合作社",
                        "since", LocalDate.now().toString(), "annualIncome", 4800))
                .post("/api/industry/links").then().statusCode(201).body("completedTaskIds", contains(task));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/monitoring/risks/" + riskId).then()
                        .body("measures.find { it.taskId == '" + task + "' }.status", equalTo("DONE")));
    }
}
