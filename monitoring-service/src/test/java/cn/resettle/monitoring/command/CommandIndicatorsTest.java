package cn.resettle.monitoring.command;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.TaskEvents;
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
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The command view's indicators move with the events of every service and with monitoring's own changes, per site,
 * township and county, without counting a redelivered event twice; the drill-down lists what a figure counts, in the
 * caller's scope, and is audited.
 */
@QuarkusTest
class CommandIndicatorsTest {

    static final String TOWNSHIP = "360732100";
    static final String ADMIN = "county.admin";

    static String site() {
        return "XG-CMD-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    static HouseholdSnapshot household(String site, String labour, String employment, int members) {
        Map<String, String> ms = new LinkedHashMap<>();
        for (int i = 0; i < members; i++) {
            ms.put(TestIds.citizenId(1970 + (int) (Math.random() * 30), 1 + i, 1 + (int) (Math.random() * 27), i % 2 == 0), labour);
        }
        HouseholdSnapshot h = TestEvents.household(UUID.randomUUID(), TestIds.code("CMD"), site, TOWNSHIP, ms);
        if (!"UNEMPLOYED".equals(employment)) {
            HouseholdSnapshot.Member m = h.members().get(0);
            List<HouseholdSnapshot.Member> changed = new java.util.ArrayList<>(h.members());
            changed.set(0, new HouseholdSnapshot.Member(m.id(), m.idNumberHash(), m.idNumberMasked(), m.name(), m.gender(),
                    m.birthYear(), m.relationship(), m.labourCapacity(), employment, m.health(), m.status(), null, null));
            h = with(h, h.version(), h.status(), changed);
        }
        return h;
    }

    static HouseholdSnapshot with(HouseholdSnapshot h, long version, String status, List<HouseholdSnapshot.Member> members) {
        return new HouseholdSnapshot(h.id(), version, h.householdNo(), h.siteId(), h.siteCode(), h.regionCode(),
                h.relocationType(), h.placementType(), h.houseType(), h.originPlace(), status, members);
    }

    static ValidatableResponse indicators(String user, String query) {
        return given().header("Authorization", Tokens.bearer(user))
                .get("/api/command/indicators" + (query.isEmpty() ? "" : "?" + query)).then();
    }

    static String figure(String code) {
        return "figures.find { it.code == '" + code + "' }";
    }

    @Test
    void householdEventsMoveTheSiteAndTownshipFiguresOnceEvenWhenRedelivered() {
        String site = site();
        HouseholdSnapshot working = household(site, "FULL", "EMPLOYED_LOCAL", 3);
        HouseholdSnapshot idle = household(site, "FULL", "UNEMPLOYED", 2);
        HouseholdSnapshot noLabour = household(site, "NONE", "UNEMPLOYED", 1);
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(Topics.COMMUNITY, working.id(), eventId, "cn.resettle.community.household.registered.v1", Map.of("household", working));
        TestEvents.publish(Topics.COMMUNITY, working.id(), eventId, "cn.resettle.community.household.registered.v1", Map.of("household", working));
        TestEvents.registerHousehold(idle);
        TestEvents.registerHousehold(noLabour);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> indicators(ADMIN, "site=" + site).statusCode(200)
                .body("level", equalTo("SITE")).body("region", equalTo(TOWNSHIP))
                .body(figure("HOUSEHOLDS") + ".value", equalTo(3))
                .body(figure("PEOPLE") + ".value", equalTo(6))
                .body(figure("LABOUR_HOUSEHOLDS") + ".value", equalTo(2))
                .body(figure("LABOUR_HOUSEHOLDS_EMPLOYED") + ".value", equalTo(1))
                .body("rates.find { it.code == 'ONE_HOUSEHOLD_ONE_JOB' }.rate", equalTo(0.5f))
                .body(figure("HOUSEHOLDS") + ".updatedAt", notNullValue())
                .body("asOf", notNullValue()));

        // a placement on a public-welfare post makes the idle household employed; the post is counted at the site
        UUID placement = UUID.randomUUID();
        var started = new EmploymentEvents.PlacementStarted(placement, idle.members().get(0).id(), idle.id(), idle.householdNo(),
                TOWNSHIP, site, "PUBLIC_WELFARE_POST", LocalDate.now(), null, null);
        UUID startedId = UUID.randomUUID();
        TestEvents.publish(Topics.EMPLOYMENT, idle.id(), startedId, EmploymentEvents.PLACEMENT_STARTED, started);
        TestEvents.publish(Topics.EMPLOYMENT, idle.id(), EmploymentEvents.PLACEMENT_STARTED, started);   // same placement, new id
        // the household moves out: no longer counted
        TestEvents.publish(Topics.COMMUNITY, noLabour.id(), "cn.resettle.community.household.moved-out.v1",
                Map.of("household", with(noLabour, 1, "MOVED_OUT", noLabour.members()), "reason", "迁出", "movedOutOn", LocalDate.now().toString()));
        // an older version arriving late changes nothing
        TestEvents.publish(Topics.COMMUNITY, noLabour.id(), "cn.resettle.community.household.updated.v1", Map.of("household", noLabour));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> indicators(ADMIN, "site=" + site).statusCode(200)
                .body(figure("HOUSEHOLDS") + ".value", equalTo(2))
                .body(figure("PEOPLE") + ".value", equalTo(5))
                .body(figure("PUBLIC_WELFARE_POSTS") + ".value", equalTo(1))
                .body(figure("LABOUR_HOUSEHOLDS_EMPLOYED") + ".value", equalTo(2))
                .body("rates.find { it.code == 'ONE_HOUSEHOLD_ONE_JOB' }.rate", equalTo(1.0f)));

        // the township and the county add the site up; the trend's last month is this month
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        indicators(ADMIN, "region=" + TOWNSHIP + "&periods=3").statusCode(200).body("level", equalTo("TOWNSHIP"))
                .body("trend.size()", equalTo(3)).body("trend[2].period", equalTo(month));
        int county = indicators(ADMIN, "region=360732").statusCode(200).body("level", equalTo("COUNTY"))
                .extract().path(figure("HOUSEHOLDS") + ".value");
        int township = indicators(ADMIN, "region=" + TOWNSHIP).extract().path(figure("HOUSEHOLDS") + ".value");
        org.junit.jupiter.api.Assertions.assertTrue(county >= township && township >= 2, county + " >= " + township + " >= 2");
        indicators(ADMIN, "site=" + site + "&period=QUARTER&periods=2").statusCode(200).body("periodKind", equalTo("QUARTER"))
                .body("period", containsString("Q")).body(figure("HOUSEHOLDS") + ".value", equalTo(2));

        // drill-down: the labour households nobody employed — none left; the households of the site, audited
        given().header("Authorization", Tokens.bearer(ADMIN))
                .get("/api/command/indicators/HOUSEHOLDS/items?site=" + site).then().statusCode(200)
                .body("total", equalTo(2)).body("items.householdNo", hasItem(idle.householdNo()))
                .body("items.householdNo", not(hasItem(noLabour.householdNo())))
                .body("items.find { it.householdNo == '" + idle.householdNo() + "' }.employed", equalTo(true))
                .body("items[0].idNumber", nullValue());
        given().header("Authorization", Tokens.bearer(ADMIN))
                .get("/api/command/indicators/LABOUR_HOUSEHOLDS_EMPLOYED/items?gap=true&site=" + site).then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void monitoringsOwnChangesAndTasksMoveTheFiguresAndTheDrillDownListsThem() {
        String site = site();
        HouseholdSnapshot a = household(site, "FULL", "UNEMPLOYED", 2);
        HouseholdSnapshot b = household(site, "FULL", "UNEMPLOYED", 1);
        TestEvents.registerHousehold(a);
        TestEvents.registerHousehold(b);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer(ADMIN)).get("/api/monitoring/registry/households/" + b.id())
                        .then().statusCode(200));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                indicators(ADMIN, "site=" + site).body(figure("HOUSEHOLDS") + ".value", equalTo(2)));

        // a visit (monitoring's own change): counted in the same transaction, so visible as soon as it is answered
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("householdId", a.id(), "visitMonth", now.toString(), "visitedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(),
                        "perCapitaIncome", 20000))
                .post("/api/monitoring/visits").then().statusCode(201);
        indicators(ADMIN, "site=" + site).body(figure("VISITED_HOUSEHOLDS") + ".value", equalTo(1))
                .body("rates.find { it.code == 'VISIT_COVERAGE' }.rate", equalTo(0.5f));
        given().header("Authorization", Tokens.bearer(ADMIN))
                .get("/api/command/indicators/VISITED_HOUSEHOLDS/items?gap=true&site=" + site).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].householdNo", equalTo(b.householdNo()));

        // a cadre flags a risk: flagged and open this month
        String riskId = given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("householdId", b.id(), "category", "ILLNESS", "severity", "HIGH", "evidence", "户主突发重病住院"))
                .post("/api/monitoring/risks").then().statusCode(201).extract().path("id");
        indicators(ADMIN, "site=" + site).body(figure("RISKS_FLAGGED") + ".value", equalTo(1))
                .body(figure("RISKS_OPEN") + ".value", equalTo(1));

        // a task opened by community with a deadline already past: open and overdue for its department
        UUID task = UUID.randomUUID();
        TestEvents.publish(Topics.COMMUNITY, b.id(), TaskEvents.CREATED, new TaskEvents.TaskCreated("community", task,
                UUID.fromString(riskId), b.id(), "县民政局", "HOME_VISIT", "入户走访", LocalDate.now().minusDays(2), OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> indicators(ADMIN, "site=" + site)
                .body(figure("TASKS_OPEN") + ".value", equalTo(1))
                .body(figure("TASKS_OVERDUE") + ".value", equalTo(1))
                .body(figure("TASKS_OVERDUE") + ".parts[0].dim", equalTo("县民政局")));
        given().header("Authorization", Tokens.bearer(ADMIN))
                .get("/api/command/indicators/TASKS_OVERDUE/items?site=" + site + "&dim=县民政局").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].taskId", equalTo(task.toString()))
                .body("items[0].householdNo", equalTo(b.householdNo()));
        TestEvents.publish(Topics.COMMUNITY, b.id(), TaskEvents.COMPLETED, new TaskEvents.TaskCompleted("community", task,
                UUID.fromString(riskId), b.id(), "县民政局", "HOME_VISIT", "已走访", "worker.a1", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> indicators(ADMIN, "site=" + site)
                .body(figure("TASKS_OPEN") + ".value", equalTo(0)).body(figure("TASKS_OVERDUE") + ".value", equalTo(0)));

        // a hazard recorded by community at the site
        TestEvents.publish(Topics.COMMUNITY, UUID.randomUUID(), CommunityEvents.HAZARD_RECORDED, new CommunityEvents.HazardRecorded(
                UUID.randomUUID(), UUID.randomUUID(), site, TOWNSHIP, "FIRE", "LOW", "楼道堆放杂物", List.of(a.id()), LocalDate.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> indicators(ADMIN, "site=" + site)
                .body(figure("HAZARDS_RECORDED") + ".value", equalTo(1)));

        // the risks behind the figure, audited with the households shown
        given().header("Authorization", Tokens.bearer(ADMIN))
                .get("/api/command/indicators/RISKS_OPEN/items?site=" + site).then().statusCode(200)
                .body("items.riskId", hasItem(riskId));
    }

    @Test
    void theCallersScopeDecidesWhichAreasExistAndBadInputIsAProblem() {
        String site = site();
        HouseholdSnapshot h = household(site, "FULL", "UNEMPLOYED", 1);
        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                indicators("township.a", "site=" + site).statusCode(200).body(figure("HOUSEHOLDS") + ".value", equalTo(1)));
        // another township's official, and a site worker of another site: the area does not exist for them
        indicators("township.b", "site=" + site).statusCode(404);
        indicators("township.b", "region=" + TOWNSHIP).statusCode(404);
        indicators("township.a", "region=360732").statusCode(404);
        indicators("worker.a1", "site=" + site).statusCode(404);
        // township.b's own view does not count township.a's households
        indicators("township.b", "").statusCode(200).body("region", equalTo("360732101"));
        given().header("Authorization", Tokens.bearer("township.b"))
                .get("/api/command/indicators/HOUSEHOLDS/items?region=360732101").then().statusCode(200)
                .body("items.householdNo", not(hasItem(h.householdNo())));
        // residents and auditors do not see the command view
        indicators("resident.a1", "").statusCode(403);
        indicators("auditor.a", "").statusCode(403);
        // bad input
        indicators(ADMIN, "month=2026-13").statusCode(400).contentType(containsString("problem+json"));
        indicators(ADMIN, "month=" + YearMonth.now().plusMonths(2)).statusCode(400).body("violations[0].field", equalTo("month"));
        indicators(ADMIN, "region=abc").statusCode(400).body("violations[0].field", equalTo("region"));
        indicators(ADMIN, "period=WEEK").statusCode(400);
        indicators(ADMIN, "periods=99").statusCode(400);
        given().header("Authorization", Tokens.bearer(ADMIN)).get("/api/command/indicators/NOPE/items").then().statusCode(404);
        given().header("Authorization", Tokens.bearer(ADMIN)).get("/api/command/indicators/HAZARDS_RECORDED/items").then()
                .statusCode(422).contentType(containsString("problem+json"));
        given().header("Authorization", Tokens.bearer(ADMIN)).get("/api/command/dictionary").then().statusCode(200)
                .body("figure.find { it.code == 'TASKS_OVERDUE' }.label", equalTo("逾期帮扶任务(按部门)"));
    }
}
