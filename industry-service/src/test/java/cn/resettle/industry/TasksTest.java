package cn.resettle.industry;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TasksTest {

    @Test
    void anIncomeDropBecomesAnIndustryLinkTaskAndOtherRisksDoNot() {
        UUID id = UUID.randomUUID();
        HouseholdSnapshot h = TestEvents.household(id, TestIds.code("IND"), "XG-LJ-001", "360732100",
                Map.of(TestIds.citizenId(1980, 1, 1, true), "FULL"));
        TestEvents.registerHousehold(h);
        UUID water = UUID.randomUUID();
        UUID income = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, id, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(water, id,
                h.householdNo(), "360732100", "XG-LJ-001", "DRINKING_WATER", "VISIT", "MEDIUM", "test", OffsetDateTime.now()));
        UUID incomeEvent = TestEvents.publish(Topics.MONITORING, id, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(income, id,
                h.householdNo(), "360732100", "XG-LJ-001", "INCOME_DROP", "VISIT", "HIGH", "test", OffsetDateTime.now()));
        String officer = Tokens.bearer("ind.officer");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", officer).get("/api/industry/tasks?riskId=" + income).then()
                        .body("total", equalTo(1)).body("items[0].kind", equalTo("INDUSTRY_LINK")));
        given().header("Authorization", officer).get("/api/industry/tasks?riskId=" + water).then().body("total", equalTo(0));

        // the income event redelivered (same id) is skipped by the inbox; it names another risk so that applying it
        // would open a second task. A marker flag on the same key, consumed after it, shows it was read.
        UUID redelivered = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, id, incomeEvent, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(redelivered, id,
                h.householdNo(), "360732100", "XG-LJ-001", "INCOME_DROP", "VISIT", "HIGH", "test", OffsetDateTime.now()));
        UUID marker = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, id, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(marker, id,
                h.householdNo(), "360732100", "XG-LJ-001", "INCOME_DROP", "VISIT", "HIGH", "test", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", officer).get("/api/industry/tasks?riskId=" + marker).then().body("total", equalTo(1)));
        given().header("Authorization", officer).get("/api/industry/tasks?riskId=" + redelivered).then().body("total", equalTo(0));
        given().header("Authorization", officer).get("/api/industry/tasks?householdId=" + id).then().body("total", equalTo(2));

        String task = given().header("Authorization", officer).get("/api/industry/tasks?riskId=" + income).then().extract().path("items[0].id");
        given().header("Authorization", officer).contentType(ContentType.JSON).body(Map.of("version", 0, "reason", "户主不愿入社"))
                .post("/api/industry/tasks/" + task + "/decline").then().statusCode(200).body("status", equalTo("DECLINED"));
        TestEvents.awaitEvent(Topics.INDUSTRY, e -> e.path("type").asText().equals(TaskEvents.DECLINED) && e.path("data").path("domain").asText().equals("industry")
                && e.path("data").path("taskId").asText().equals(task));
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/industry/tasks").then().statusCode(403);
    }
}
