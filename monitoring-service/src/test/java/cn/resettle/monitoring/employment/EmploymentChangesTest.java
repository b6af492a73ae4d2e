package cn.resettle.monitoring.employment;

import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Monitoring keeps employment's placement.started / placement.ended as the household's employment evidence, once. */
@QuarkusTest
class EmploymentChangesTest {

    @Test
    void placementsReachTheHouseholdsRecordOnceAndTheNextVisitSeesWhatChangedSinceTheLast() {
        UUID household = UUID.randomUUID();
        HouseholdSnapshot h = TestEvents.household(household, TestIds.code("MON"), "XG-LJ-001", "360732100",
                Map.of(TestIds.citizenId(1985, 9, 9, true), "FULL"));
        TestEvents.registerHousehold(h);
        String admin = Tokens.bearer("county.admin");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/monitoring/registry/households/" + household).then().statusCode(200));
        UUID person = h.members().get(0).id();
        UUID placement = UUID.randomUUID();
        YearMonth last = YearMonth.now().minusMonths(1);
        EmploymentEvents.PlacementStarted started = new EmploymentEvents.PlacementStarted(placement, person, household, h.householdNo(),
                "360732100", "XG-LJ-001", "EMPLOYED_LOCAL", last.atDay(2), null, "ENTERPRISE");
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(Topics.EMPLOYMENT, household, eventId, EmploymentEvents.PLACEMENT_STARTED, started);
        // the same event again, and the same start under another event id (a replay): still one change
        TestEvents.publish(Topics.EMPLOYMENT, household, eventId, EmploymentEvents.PLACEMENT_STARTED, started);
        TestEvents.publish(Topics.EMPLOYMENT, household, EmploymentEvents.PLACEMENT_STARTED, started);
        String township = Tokens.bearer("township.a");
        String list = "/api/monitoring/employment-changes?householdId=" + household;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", township).get(list).then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].change", equalTo("STARTED"))
                .body("items[0].kind", equalTo("EMPLOYED_LOCAL")));

        // the monthly visit after the start, then the job ends
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("householdId", household, "visitMonth", last.toString(), "visitedOn", last.atDay(6).toString(),
                        "perCapitaIncome", 20000))
                .post("/api/monitoring/visits").then().statusCode(201);
        TestEvents.publish(Topics.EMPLOYMENT, household, EmploymentEvents.PLACEMENT_ENDED, new EmploymentEvents.PlacementEnded(placement,
                person, household, h.householdNo(), "360732100", "XG-LJ-001", "EMPLOYED_LOCAL", LocalDate.now(), "EMPLOYER_CLOSED", true));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", township).get(list).then()
                .body("total", equalTo(2)).body("items.change", equalTo(List.of("ENDED", "STARTED"))));
        given().header("Authorization", township).get(list + "&sinceLastVisit=true").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].change", equalTo("ENDED"))
                .body("items[0].endReason", equalTo("EMPLOYER_CLOSED")).body("items[0].householdWithoutEmployment", equalTo(true));
        given().header("Authorization", Tokens.bearer("township.b")).get(list).then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", township).get("/api/monitoring/employment-changes?sinceLastVisit=true").then().statusCode(400)
                .body("violations[0].field", equalTo("householdId"));
        given().header("Authorization", township).get(list + "&since=last-week").then().statusCode(400);
        given().header("Authorization", Tokens.bearer("resident.a1")).get(list).then().statusCode(403);
    }
}
