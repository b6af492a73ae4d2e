package cn.resettle.community.housing;

import cn.resettle.common.events.MonitoringEvents.SubjectIdentified;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Housing rules: extension household → village review → township approval; the 20-year ban; rentals registered. */
@QuarkusTest
class HousingTest {

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

    static String household() {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("HS"), "siteId", site(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "houseType", "ONE_HOUSE", "members", List.of(Map.of("idNumber",
                                TestIds.citizenId(1972, 11, 20, true), "name", "邱长生", "relationship", "HEAD",
                                "labourCapacity", "FULL", "employmentStatus", "EMPLOYED_LOCAL"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> application(String h, boolean voluntary, boolean ownFunds, boolean noLoans) {
        Map<String, Object> m = new HashMap<>();
        m.put("householdId", h);
        m.put("reason", "儿子结婚，家庭人口增加");
        m.put("voluntary", voluntary);
        m.put("ownFunds", ownFunds);
        m.put("fundingNote", "务工收入积蓄 6 万元");
        m.put("noLoans", noLoans);
        return m;
    }

    @Test
    void anExtensionGoesThroughVillageReviewAndTownshipApprovalWithItsConditions() {
        String h = household();
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(application(h, true, true, false)).post("/api/community/housing-extensions").then().statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/extension-conditions"))
                .body("violations[0].field", equalTo("noLoans"));
        Map<String, Object> noConditions = new HashMap<>(application(h, true, true, true));
        noConditions.remove("voluntary");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON).body(noConditions)
                .post("/api/community/housing-extensions").then().statusCode(400).body("violations[0].field", equalTo("voluntary"));
        String id = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(application(h, true, true, true)).post("/api/community/housing-extensions").then().statusCode(201)
                .body("status", equalTo("PENDING")).body("ownFunds", equalTo(true)).extract().path("id");
        // four eyes: who filed the application does not review it
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "approve", true, "note", "同意")).post("/api/community/housing-extensions/" + id + "/village-review")
                .then().statusCode(422).body("type", equalTo("https://resettle.cn/problems/same-person"));
        // the township cannot decide before the village reviewed
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "approve", true, "note", "同意")).post("/api/community/housing-extensions/" + id + "/township-decision")
                .then().statusCode(422).body("type", equalTo("https://resettle.cn/problems/extension-status"));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "approve", true, "note", "经村民代表会议审查，符合条件")).post("/api/community/housing-extensions/" + id + "/village-review")
                .then().statusCode(200).body("status", equalTo("VILLAGE_APPROVED"));
        // a site worker is not the township
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "approve", true, "note", "x")).post("/api/community/housing-extensions/" + id + "/township-decision")
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "approve", true, "note", "x")).post("/api/community/housing-extensions/" + id + "/township-decision")
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "approve", true, "note", "同意扩建，严格按规划面积施工")).post("/api/community/housing-extensions/" + id + "/township-decision")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("decidedBy", equalTo("township.a"))
                .body("villageNote", equalTo("经村民代表会议审查，符合条件"));
    }

    @Test
    void aVillageApprovedApplicationIsRefusedWhenTheHouseholdBecomesASubject() {
        String h = household();
        String id = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(application(h, true, true, true)).post("/api/community/housing-extensions").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "approve", true, "note", "符合条件")).post("/api/community/housing-extensions/" + id + "/village-review")
                .then().statusCode(200);
        TestEvents.publish(Topics.MONITORING, h, "cn.resettle.monitoring.subject.identified.v1", new SubjectIdentified(
                UUID.randomUUID(), UUID.fromString(h), "360732100", "XG-LJ-001", "UNSTABLE_ESCAPED", "county.admin", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/housing-extensions/" + id).then()
                        .body("status", equalTo("REFUSED")));
    }

    @Test
    void theTwentyYearBanIsRecordedPerHouseAndRentalsAreRegistered() {
        String h = household();
        LocalDate handedOver = LocalDate.of(2019, 12, 1);
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "houseAddress", "潋江安置小区 3 栋 2 单元 501", "handedOverOn", handedOver.toString()))
                .post("/api/community/housing/restrictions").then().statusCode(201)
                .body("banEndsOn", equalTo("2039-12-01")).body("banned", equalTo(true));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "houseAddress", "x", "handedOverOn", handedOver.toString()))
                .post("/api/community/housing/restrictions").then().statusCode(409);
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/housing/restrictions?householdId=" + h)
                .then().statusCode(200).body("items[0].banEndsOn", equalTo("2039-12-01"));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/housing/restrictions?householdId=" + h)
                .then().statusCode(404);

        LocalDate today = LocalDate.now();
        String rental = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "tenantName", "赖小军", "tenants", 2, "startsOn", today.minusMonths(1).toString(),
                        "endsOn", today.plusMonths(11).toString(), "monthlyRent", 600, "purpose", "居住（在附近工业园务工）"))
                .post("/api/community/housing/rentals").then().statusCode(201).body("active", equalTo(true)).extract().path("id");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "tenantName", "x", "tenants", 1, "startsOn", today.toString(),
                        "endsOn", today.minusDays(1).toString(), "monthlyRent", 600, "purpose", "居住"))
                .post("/api/community/housing/rentals").then().statusCode(400).body("violations[0].field", equalTo("endsOn"));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/housing/rentals?active=true&size=200")
                .then().statusCode(200).body("items.id", hasItem(rental));
    }
}
