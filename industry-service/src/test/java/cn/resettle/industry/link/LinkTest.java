package cn.resettle.industry.link;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.Tokens;
import cn.resettle.industry.IndustryFixtures;
import cn.resettle.industry.IndustryFixtures.Household;
import cn.resettle.industry.IndustryFixtures.M;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LinkTest {

    static String officer() {
        return Tokens.bearer("ind.officer");
    }

    /** An income-drop risk from monitoring, waited for as an open INDUSTRY_LINK task; returns the task id. */
    static String linkTask(Household h, String site) {
        UUID risk = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, h.id(), "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(risk, h.id(),
                h.householdNo(), IndustryFixtures.TOWNSHIP_A, site, "INCOME_DROP", "VISIT", "HIGH", "人均纯收入低于监测线", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", officer()).get("/api/industry/tasks?riskId=" + risk).then()
                        .body("total", equalTo(1)).body("items[0].status", equalTo("OPEN")));
        return given().header("Authorization", officer()).get("/api/industry/tasks?riskId=" + risk).then().extract().path("items[0].id");
    }

    @Test
    void aCooperativeMembershipCompletesTheHouseholdsIndustryLinkTask() {
        String site = IndustryFixtures.site("潋江镇富民安置点");
        Household h = IndustryFixtures.household(site, new M("钟丽萍", "UNEMPLOYED"));
        String task = linkTask(h, site);

        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "COOPERATIVE", "partner", "兴国县潋江镇脐橙种植专业合作社",
                        "since", LocalDate.now().minusDays(3).toString(), "annualIncome", 3600, "note", "入股 2 股"))
                .post("/api/industry/links").then().statusCode(201)
                .body("kindLabel", equalTo("合作社入社")).body("completedTaskIds", contains(task));
        given().header("Authorization", officer()).get("/api/industry/tasks/" + task).then()
                .body("status", equalTo("COMPLETED")).body("outcome", containsString("合作社入社")).body("closedBy", equalTo("township.a"));
        JsonNode done = TestEvents.awaitEvent(Topics.INDUSTRY, e -> e.path("type").asText().equals(TaskEvents.COMPLETED)
                && e.path("data").path("taskId").asText().equals(task));
        assertEquals("INDUSTRY_LINK", done.at("/data/kind").asText());
        assertEquals(h.id().toString(), done.at("/data/householdId").asText());

        // a second link finds nothing left to complete
        given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "LEASE", "partner", "兴国县绿源农业开发有限公司（流转耕地 3.2 亩）",
                        "since", LocalDate.now().toString(), "annualIncome", 1280))
                .post("/api/industry/links").then().statusCode(201).body("completedTaskIds.size()", equalTo(0));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/industry/links?householdId=" + h.id()).then()
                .statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/industry/links?householdId=" + h.id()).then()
                .statusCode(200).body("total", equalTo(2)).body("items.kind", hasItem("LEASE"));
    }

    @Test
    void aWorkshopJobCompletesTheTaskToo() {
        String site = IndustryFixtures.site("潋江镇振兴安置点");
        Household h = IndustryFixtures.household(site, new M("陈建国", "UNEMPLOYED"));
        String task = linkTask(h, site);
        String ws = given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("name", "振兴电子帮扶车间", "siteCode", site, "operator", "兴国县振兴电子有限公司", "products", "电子元件",
                        "jobs", 30, "openedOn", "2025-06-01"))
                .post("/api/industry/workshops").then().statusCode(201).extract().path("id");
        given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "WORKSHOP_JOB", "personId", h.people().get(0), "workshopId", ws, "post", "插件工",
                        "since", LocalDate.now().toString()))
                .post("/api/industry/links").then().statusCode(201).body("completedTaskIds", contains(task))
                .body("partner", equalTo("振兴电子帮扶车间 · 插件工"));
        given().header("Authorization", officer()).get("/api/industry/workshops/" + ws + "/workers").then().body("total", equalTo(1));
    }

    @Test
    void badLinksAreRefusedNamingTheField() {
        String site = IndustryFixtures.site("潋江镇幸福安置点");
        Household h = IndustryFixtures.household(site, new M("谢长生", "UNEMPLOYED"));
        given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "COOPERATIVE", "since", LocalDate.now().toString()))
                .post("/api/industry/links").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("partner"));
        given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "WORKSHOP_JOB", "since", LocalDate.now().toString()))
                .post("/api/industry/links").then().statusCode(400).body("violations.field", hasItem("personId"));
        given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "DIVIDEND", "partner", "光伏电站", "since", "2099-01-01"))
                .post("/api/industry/links").then().statusCode(400).body("violations.field", hasItem("since"));
        given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "SHARECROP", "partner", "x", "since", LocalDate.now().toString()))
                .post("/api/industry/links").then().statusCode(400);
        given().header("Authorization", officer()).contentType(ContentType.JSON)
                .body(Map.of("householdId", UUID.randomUUID(), "kind", "DIVIDEND", "partner", "光伏电站", "since", LocalDate.now().toString()))
                .post("/api/industry/links").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "DIVIDEND", "partner", "光伏电站", "since", LocalDate.now().toString()))
                .post("/api/industry/links").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "kind", "DIVIDEND", "partner", "光伏电站", "since", LocalDate.now().toString()))
                .post("/api/industry/links").then().statusCode(403);
    }
}
