package cn.resettle.monitoring.industry;

import cn.resettle.common.events.IndustryEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import cn.resettle.common.events.HouseholdSnapshot;
import java.util.Map;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class WorkshopStoppedTest {

    static UUID household(String householdNo, String labour) {
        UUID id = UUID.randomUUID();
        HouseholdSnapshot h = TestEvents.household(id, householdNo, "XG-LJ-001", "360732100",
                Map.of(TestIds.citizenId(1982, 6, 1, true), labour));
        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/registry/households/" + id)
                        .then().statusCode(200));
        return id;
    }

    @Test
    void aClosedWorkshopFlagsTheHouseholdsThatLostTheirOnlyEarnerOnce() {
        UUID lost = household(TestIds.code("MON"), "FULL");
        UUID other = household(TestIds.code("MON"), "FULL");
        UUID unrelated = household(TestIds.code("MON"), "FULL");
        UUID marker = household(TestIds.code("MON"), "FULL");
        UUID workshop = UUID.randomUUID();
        IndustryEvents.WorkshopStopped stopped = new IndustryEvents.WorkshopStopped(workshop, "城东服饰帮扶车间", "XG-LJ-001",
                "360732100", "CLOSED", "2026Q4", LocalDate.now(), 2, List.of(lost));
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(Topics.INDUSTRY, workshop, eventId, IndustryEvents.WORKSHOP_STOPPED, stopped);
        // the same event delivered again is skipped by the inbox. A household already flagged keeps its one open risk
        // anyway, so the redelivery also names a household nobody flagged: applying it would flag that household.
        TestEvents.publish(Topics.INDUSTRY, workshop, eventId, IndustryEvents.WORKSHOP_STOPPED, new IndustryEvents.WorkshopStopped(
                workshop, "城东服饰帮扶车间", "XG-LJ-001", "360732100", "CLOSED", "2026Q4", LocalDate.now(), 2, List.of(lost, unrelated)));
        // a later event of the same workshop (same key, so consumed after the redelivery) flags the marker household
        TestEvents.publish(Topics.INDUSTRY, workshop, IndustryEvents.WORKSHOP_STOPPED, new IndustryEvents.WorkshopStopped(
                workshop, "城东服饰帮扶车间", "XG-LJ-001", "360732100", "CLOSED", "2026Q4", LocalDate.now(), 1, List.of(marker)));
        String admin = Tokens.bearer("county.admin");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/monitoring/risks?householdId=" + marker).then().body("total", equalTo(1)));
        given().header("Authorization", admin).get("/api/monitoring/risks?householdId=" + lost).then()
                .body("total", equalTo(1)).body("items[0].category", equalTo("INCOME_DROP"))
                .body("items[0].source", equalTo("WORKSHOP_EVENT")).body("items[0].evidence", containsString("帮扶车间关闭"));
        given().header("Authorization", admin).get("/api/monitoring/risks?householdId=" + unrelated).then().body("total", equalTo(0));
        // a later SUSPENDED → CLOSED of another workshop for the same household keeps the one open risk
        UUID second = UUID.randomUUID();
        TestEvents.publish(Topics.INDUSTRY, second, IndustryEvents.WORKSHOP_STOPPED, new IndustryEvents.WorkshopStopped(second,
                "城东电子帮扶车间", "XG-LJ-001", "360732100", "SUSPENDED", "2026Q4", LocalDate.now(), 1, List.of(lost, other)));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/monitoring/risks?householdId=" + other).then()
                        .body("total", equalTo(1)).body("items[0].evidence", containsString("停产")));
        given().header("Authorization", admin).get("/api/monitoring/risks?householdId=" + lost).then().body("total", equalTo(1));
        given().header("Authorization", admin).get("/api/monitoring/dictionary").then()
                .body("riskSource.find { it.code == 'WORKSHOP_EVENT' }.label", equalTo("帮扶车间停产/关闭"));
    }

    @Test
    void aDividendPaidByIndustryIsKeptAsIncomeEvidenceOnce() {
        UUID h = household(TestIds.code("MON"), "FULL");
        UUID cycle = UUID.randomUUID();
        IndustryEvents.IncomePaid paid = new IndustryEvents.IncomePaid(h, "XG-H-0001", "360732100", "XG-LJ-001", "DIVIDEND",
                new java.math.BigDecimal("333.33"), LocalDate.now(), 2025, cycle);
        UUID first = TestEvents.publish(Topics.INDUSTRY, h, IndustryEvents.INCOME_PAID, paid);
        // republished under another event id (a replay from another system): still one piece of evidence
        TestEvents.publish(Topics.INDUSTRY, h, IndustryEvents.INCOME_PAID, paid);
        // the first event delivered again (same id) with another cycle: the inbox skips it (applied, it would add evidence)
        TestEvents.publish(Topics.INDUSTRY, h, first, IndustryEvents.INCOME_PAID, new IndustryEvents.IncomePaid(h, "XG-H-0001",
                "360732100", "XG-LJ-001", "DIVIDEND", new java.math.BigDecimal("99.00"), LocalDate.now(), 2025, UUID.randomUUID()));
        // a later payment of another cycle on the same key (consumed after both) is the marker
        UUID markerCycle = UUID.randomUUID();
        TestEvents.publish(Topics.INDUSTRY, h, IndustryEvents.INCOME_PAID, new IndustryEvents.IncomePaid(h, "XG-H-0001", "360732100",
                "XG-LJ-001", "DIVIDEND", new java.math.BigDecimal("12.50"), LocalDate.now(), 2025, markerCycle));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("township.a")).get("/api/monitoring/income-evidence?householdId=" + h)
                        .then().statusCode(200).body("items.reference", org.hamcrest.Matchers.hasItem(markerCycle.toString())));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/monitoring/income-evidence?householdId=" + h)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.find { it.reference == '" + cycle + "' }.amount", equalTo(333.33f))
                .body("items.find { it.reference == '" + cycle + "' }.kind", equalTo("DIVIDEND"));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/monitoring/income-evidence?householdId=" + h)
                .then().statusCode(200).body("total", equalTo(0));
    }
}
