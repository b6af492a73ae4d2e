package cn.resettle.community.grid;

import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** A site's organisation: party branch (3+ members), building heads, grids covering households, tasks to the grid worker. */
@QuarkusTest
class OrganisationTest {

    static String site(String code, String township) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "安置点" + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    static String household(String siteId, String name) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("GR"), "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1948, 6, 12, true),
                                "name", name, "relationship", "HEAD", "labourCapacity", "NONE", "employmentStatus", "NOT_APPLICABLE"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse post(String user, String path, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/community/organisation" + path).then();
    }

    static ValidatableResponse get(String user, String path) {
        return given().header("Authorization", Tokens.bearer(user)).get("/api/community/organisation" + path).then();
    }

    @Test
    void aPartyBranchNeedsThreePartyMembersAndOnePerSite() {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String today = LocalDate.now().toString();
        post("township.a", "/party-branches", Map.of("siteId", site, "name", "潋江社区党支部", "secretary", "钟海燕",
                "partyMembers", 2, "establishedOn", today)).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/too-few-party-members"));
        post("township.a", "/party-branches", Map.of("siteId", site, "name", "潋江社区党支部", "secretary", "钟海燕",
                "establishedOn", today)).statusCode(400).body("violations.field", hasItem("partyMembers"));
        String branch = post("township.a", "/party-branches", Map.of("siteId", site, "name", "潋江社区党支部", "secretary", "钟海燕",
                "partyMembers", 5, "establishedOn", today)).statusCode(201).body("partyMembers", equalTo(5)).extract().path("id");
        post("county.admin", "/party-branches", Map.of("siteId", site, "name", "第二支部", "secretary", "李", "partyMembers", 3,
                "establishedOn", today)).statusCode(409);
        // a site worker reads, never sets up a branch; another township does not see it
        post("worker.a1", "/party-branches", Map.of("siteId", site, "name", "x", "secretary", "y", "partyMembers", 3,
                "establishedOn", today)).statusCode(403);
        post("township.b", "/party-branches", Map.of("siteId", site, "name", "x", "secretary", "y", "partyMembers", 3,
                "establishedOn", today)).statusCode(404);
        get("township.b", "/party-branches?siteCode=" + code).statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "secretary", "曾庆华", "partyMembers", 7)).put("/api/community/organisation/party-branches/" + branch)
                .then().statusCode(200).body("secretary", equalTo("曾庆华")).body("version", equalTo(1));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "secretary", "x", "partyMembers", 7)).put("/api/community/organisation/party-branches/" + branch)
                .then().statusCode(409).body("type", equalTo("https://resettle.cn/problems/stale-version"));
        get("township.a", "/party-branches?siteCode=" + code).statusCode(200).body("total", equalTo(1))
                .body("items[0].partyMembers", equalTo(7));
    }

    @Test
    void aNewBuildingHeadEndsTheServingOnesTerm() {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String first = post("township.a", "/building-heads", Map.of("siteId", site, "building", "3栋", "name", "刘桂兰",
                "appointedOn", LocalDate.now().minusMonths(6).toString())).statusCode(201).extract().path("id");
        String second = post("township.a", "/building-heads", Map.of("siteId", site, "building", "3栋", "name", "陈志强",
                "appointedOn", LocalDate.now().toString())).statusCode(201).extract().path("id");
        post("township.a", "/building-heads", Map.of("siteId", site, "building", "3栋", "name", "x",
                "appointedOn", LocalDate.now().plusDays(3).toString())).statusCode(400).body("violations.field", hasItem("appointedOn"));
        get("township.a", "/building-heads?siteCode=" + code).statusCode(200).body("items.id", hasItem(second))
                .body("items.id", not(hasItem(first)));
        get("township.a", "/building-heads?serving=false&siteCode=" + code).statusCode(200)
                .body("items.find { it.id == '" + first + "' }.endedOn", equalTo(LocalDate.now().toString()));
    }

    @Test
    void aHouseholdsTasksGoToItsGridWorkerByDefault() {
        // worker.a1's own site, so the grid worker sees the task in their inbox
        String site = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/sites?size=200")
                .then().extract().jsonPath().getList("items.findAll { it.code == 'XG-LJ-001' }.id", String.class)
                .stream().findFirst().orElseGet(() -> given().header("Authorization", Tokens.bearer("county.admin"))
                        .contentType(ContentType.JSON).body(Map.of("code", "XG-LJ-001", "name", "潋江安置点", "countyCode", "360732",
                                "townshipCode", "360732100", "areaType", "URBAN"))
                        .post("/api/community/sites").then().statusCode(201).extract().path("id"));
        String h = household(site, "谢春生");
        String unrelated = household(site(TestIds.code("XG-LJ"), "360732100"), "王秀英");
        String gridCode = TestIds.code("G");
        String grid = post("worker.a1", "/grids", Map.of("siteId", site, "code", gridCode, "name", "潋江一网格",
                "workerName", "黄小红", "workerUsername", "worker.a1")).statusCode(201).body("households", equalTo(0))
                .extract().path("id");
        post("worker.a1", "/grids", Map.of("siteId", site, "code", gridCode, "name", "重复", "workerName", "x",
                "workerUsername", "y")).statusCode(409);
        post("worker.a1", "/grids", Map.of("siteId", site, "code", "bad code!", "name", "x", "workerName", "x",
                "workerUsername", "y")).statusCode(400).body("violations.field", hasItem("code"));
        // a household of another site does not belong in this grid
        post("county.admin", "/grids/" + grid + "/households", Map.of("householdIds", List.of(unrelated))).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/other-site"))
                .body("violations.field", hasItem("householdIds[0]"));
        post("worker.a1", "/grids/" + grid + "/households", Map.of("householdIds", List.of())).statusCode(400);
        post("worker.a1", "/grids/" + grid + "/households", Map.of("householdIds", List.of(h))).statusCode(200)
                .body("households", equalTo(1));
        get("worker.a1", "/grids/" + grid + "/households").statusCode(200).body("items.householdId", hasItem(h));
        get("worker.a1", "/households/" + h + "/grid").statusCode(200).body("workerUsername", equalTo("worker.a1"))
                .body("gridCode", equalTo(gridCode));
        get("worker.b1", "/households/" + h + "/grid").statusCode(404);
        get("worker.b1", "/grids/" + grid + "/households").statusCode(404);
        get("county.admin", "/households/" + unrelated + "/grid").statusCode(200).body("gridId", nullValue());

        // a risk flagged for the household: the community task it opens goes to the grid worker
        UUID risk = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, h, "cn.resettle.monitoring.risk.flagged.v1", new RiskFlagged(risk, UUID.fromString(h),
                "x", "360732100", "XG-LJ-001", "HOUSING_SAFETY", "VISIT", "HIGH", "墙体开裂", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/tasks?riskId=" + risk).then()
                        .body("total", equalTo(2)).body("items.assignee", equalTo(List.of("worker.a1", "worker.a1"))));
        // the grid changes hands: the open tasks follow the new worker
        post("township.a", "/grids/" + grid + "/worker", Map.of("version", 0, "workerName", "钟丽", "workerUsername", "zhong.li"))
                .statusCode(200).body("workerUsername", equalTo("zhong.li"));
        post("township.a", "/grids/" + grid + "/worker", Map.of("version", 0, "workerName", "x", "workerUsername", "y"))
                .statusCode(409);
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/tasks?riskId=" + risk).then()
                .body("items.assignee", equalTo(List.of("zhong.li", "zhong.li")));
        get("township.b", "/grids?siteCode=XG-LJ-001").statusCode(200).body("items.id", not(hasItem(grid)));
        get("township.a", "/grids?workerUsername=zhong.li").statusCode(200).body("items.id", hasItem(grid));
    }
}
