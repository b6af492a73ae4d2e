package cn.resettle.community;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.MonitoringEvents.SubjectIdentified;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Community's side of the loop: tasks from risks, housing extensions refused for subjects, hazards announced. */
@QuarkusTest
class AssistanceTest {

    String site() {
        var found = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/sites?size=200")
                .then().extract().jsonPath().getList("items.findAll { it.code == 'XG-LJ-001' }.id", String.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", "XG-LJ-001", "name", "潋江安置点", "countyCode", "360732", "townshipCode", "360732100",
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    String household(String labour) {
        return household(labour, "NOT_APPLICABLE");
    }

    String household(String labour, String employment) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("AST"), "siteId", site(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1950, 2, 2, true),
                                "name", "老人", "relationship", "HEAD", "labourCapacity", labour, "employmentStatus", employment))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    @Test
    void unsafeHousingWithoutLabourBecomesRepairAndReferralTasks() {
        UUID h = UUID.fromString(household("NONE"));
        UUID risk = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, h, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(risk, h, "x",
                "360732100", "XG-LJ-001", "HOUSING_SAFETY", "VISIT", "HIGH", "墙体开裂", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/tasks?riskId=" + risk).then()
                        .body("total", equalTo(2)).body("items.kind", hasItems("HOUSING_REPAIR", "SOCIAL_ASSISTANCE_REFERRAL")));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/tasks?riskId=" + risk).then()
                .body("total", equalTo(0));
    }

    @Test
    void aJobLossNoOtherServiceTakesUpStillGetsAHomeVisitBySiteStaff() {
        // the one member able to work is recorded as employed: employment opens nothing, industry only takes income drops
        UUID h = UUID.fromString(household("FULL", "EMPLOYED_LOCAL"));
        UUID risk = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, h, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(risk, h, "x",
                "360732100", "XG-LJ-001", "JOB_LOSS", "CADRE", "HIGH", "基层干部排查: 务工企业停产", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/tasks?riskId=" + risk).then()
                        .body("total", equalTo(1)).body("items[0].kind", equalTo("HOME_VISIT"))
                        .body("items[0].siteCode", equalTo("XG-LJ-001")).body("items[0].status", equalTo("OPEN")));
        // and monitoring hears of it: the risk has a measure
        TestEvents.awaitEvent(Topics.COMMUNITY, e -> e.path("type").asText().equals(TaskEvents.CREATED) && e.path("data").path("domain").asText().equals("community")
                && e.path("data").path("riskId").asText().equals(risk.toString())
                && e.path("data").path("kind").asText().equals("HOME_VISIT"));
    }

    @Test
    void aMonitoringSubjectsHousingExtensionIsRefused() {
        String h = household("FULL");
        String admin = Tokens.bearer("county.admin");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("householdId", h, "reason", "家庭人口增加", "voluntary", true, "ownFunds", true, "noLoans", true))
                .post("/api/community/housing-extensions").then().statusCode(201).body("status", equalTo("PENDING"));
        TestEvents.publish(Topics.MONITORING, h, "cn.resettle.monitoring.subject.identified.v1", new SubjectIdentified(
                UUID.randomUUID(), UUID.fromString(h), "360732100", "XG-LJ-001", "MARGINAL_AT_RISK", "county.admin", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/community/housing-extensions?householdId=" + h).then()
                        .body("items[0].status", equalTo("REFUSED")));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("householdId", h, "reason", "再次申请", "voluntary", true, "ownFunds", true, "noLoans", true))
                .post("/api/community/housing-extensions").then().statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/monitoring-subject"));
        TestEvents.awaitEvent(Topics.COMMUNITY, e -> e.path("type").asText().equals("cn.resettle.community.housing-extension.refused.v1")
                && e.path("data").path("householdId").asText().equals(h));
    }

    @Test
    void aHazardAtASiteIsAnnounced() {
        String h = household("FULL");
        String hazard = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site(), "category", "FLOOD", "severity", "HIGH", "description", "暴雨内涝",
                        "householdIds", List.of(h), "recordedOn", LocalDate.now().toString()))
                .post("/api/community/hazards").then().statusCode(201).extract().path("id");
        TestEvents.awaitEvent(Topics.COMMUNITY, e -> e.path("type").asText().equals("cn.resettle.community.hazard.recorded.v1")
                && e.path("data").path("hazardId").asText().equals(hazard)
                && e.path("data").path("householdIds").get(0).asText().equals(h));
        given().header("Authorization", Tokens.bearer("worker.b1")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site(), "category", "FLOOD", "severity", "HIGH", "description", "x",
                        "recordedOn", LocalDate.now().toString()))
                .post("/api/community/hazards").then().statusCode(404);
    }
}
