package cn.resettle.employment.placement;

import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.jobs.Fixtures;
import cn.resettle.employment.labour.LabourRegistryTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static cn.resettle.employment.jobs.Fixtures.SITE_A;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_A;
import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Placements and the end of employment, with their events; the last job of a household ending warns monitoring. */
@QuarkusTest
class PlacementTest {

    static Map<String, Object> start(UUID person, String employer, String kind, LocalDate on) {
        Map<String, Object> b = new HashMap<>();
        b.put("personId", person);
        b.put("employer", employer);
        b.put("kind", kind);
        b.put("startedOn", on.toString());
        b.put("monthlyWage", 3200);
        b.put("contract", "FIXED_TERM");
        b.put("workplace", "兴国县城区");
        return b;
    }

    @Test
    void placementsStartAndEndAndTheLastEndWarnsMonitoring() {
        String emp = bearer("emp.officer");
        Map<String, String> members = new LinkedHashMap<>();
        members.put(TestIds.citizenId(1987, 5, 5, true), "FULL");
        members.put(TestIds.citizenId(1989, 6, 6, false), "FULL");
        HouseholdSnapshot h = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, members);
        UUID a = h.members().get(0).id();
        UUID b = h.members().get(1).id();
        LocalDate month = LocalDate.now().minusDays(30);

        // bad input is named
        Map<String, Object> bad = start(a, "兴国县城区超市", "EMPLOYED_LOCAL", LocalDate.now().plusDays(3));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/placements")
                .then().statusCode(400).body("violations[0].field", containsString("startedOn"));
        bad = start(a, null, "EMPLOYED_LOCAL", month);
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/placements")
                .then().statusCode(400).body("violations[0].field", equalTo("employer"));
        bad = start(a, null, "EMPLOYED_LOCAL", month);
        bad.put("employerId", UUID.randomUUID());
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/placements")
                .then().statusCode(422).body("violations[0].field", equalTo("employerId"));
        bad = start(a, "x", "MOONLIGHTING", month);
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/placements")
                .then().statusCode(400);

        String first = given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(start(a, "兴国县城区超市", "EMPLOYED_LOCAL", month)).post("/api/employment/placements")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).body("contractLabel", equalTo("固定期限劳动合同"))
                .body("monthlyWage", equalTo(3200)).extract().path("id");
        var started = TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals(EmploymentEvents.PLACEMENT_STARTED)
                && e.path("data").path("placementId").asText().equals(first));
        assertEquals(h.id().toString(), started.path("subject").asText());
        assertEquals("EMPLOYED_LOCAL", started.path("data").path("kind").asText());
        assertFalse(started.toString().contains(h.members().get(0).name()), "no names in events");
        assertFalse(started.toString().contains("3200"), "no wages in events");
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(start(a, "另一单位", "EMPLOYED_LOCAL", month)).post("/api/employment/placements")
                .then().statusCode(409).body("type", containsString("already-placed"));

        String employer = Fixtures.employer(emp, "潋江镇公益性岗位", "PUBLIC_WELFARE", TOWNSHIP_A);
        Map<String, Object> post = start(b, null, "PUBLIC_WELFARE_POST", month);
        post.put("employerId", employer);
        String second = given().header("Authorization", emp).contentType(ContentType.JSON).body(post).post("/api/employment/placements")
                .then().statusCode(201).body("employerName", containsString("潋江镇公益性岗位")).extract().path("id");
        given().header("Authorization", emp).get("/api/employment/labour?list=EMPLOYED&householdId=" + h.id()).then().body("total", equalTo(2));
        given().header("Authorization", emp).get("/api/employment/labour?list=PUBLIC_WELFARE&householdId=" + h.id()).then()
                .body("total", equalTo(1)).body("items[0].personId", equalTo(b.toString()));

        // ending: current version only, not before the start, once
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("version", 7, "endedOn", LocalDate.now().toString(), "reason", "EMPLOYER_CLOSED"))
                .post("/api/employment/placements/" + first + "/end").then().statusCode(409).body("type", containsString("stale-version"));
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "endedOn", month.minusDays(1).toString(), "reason", "EMPLOYER_CLOSED"))
                .post("/api/employment/placements/" + first + "/end").then().statusCode(422).body("violations[0].field", equalTo("endedOn"));
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "endedOn", LocalDate.now().toString(), "reason", "EMPLOYER_CLOSED", "note", "超市关闭"))
                .post("/api/employment/placements/" + first + "/end").then().statusCode(200)
                .body("status", equalTo("ENDED")).body("endReasonLabel", equalTo("企业停产/倒闭"))
                .body("householdWithoutEmployment", equalTo(false));
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "endedOn", LocalDate.now().toString(), "reason", "EMPLOYER_CLOSED"))
                .post("/api/employment/placements/" + first + "/end").then().statusCode(409).body("type", containsString("placement-ended"));
        given().header("Authorization", emp).get("/api/employment/labour/" + a).then().body("employmentStatus", equalTo("UNEMPLOYED"));

        // the household's last job ends (reported as a job loss): monitoring is warned, with the placement's end
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("reason", "岗位撤销", "lostOn", LocalDate.now().toString()))
                .post("/api/employment/people/" + b + "/job-loss").then().statusCode(200)
                .body("householdWithoutEmployment", equalTo(true));
        given().header("Authorization", emp).get("/api/employment/placements/" + second).then()
                .body("status", equalTo("ENDED")).body("endNote", equalTo("岗位撤销"));
        var ended = TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals(EmploymentEvents.PLACEMENT_ENDED)
                && e.path("data").path("placementId").asText().equals(second));
        assertTrue(ended.path("data").path("householdWithoutEmployment").asBoolean());
        var lost = TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals(EmploymentEvents.JOB_LOST)
                && e.path("data").path("personId").asText().equals(b.toString()));
        assertTrue(lost.path("data").path("householdWithoutEmployment").asBoolean());

        given().header("Authorization", emp).get("/api/employment/placements?householdId=" + h.id()).then()
                .body("total", equalTo(2)).body("items.status", org.hamcrest.Matchers.everyItem(equalTo("ENDED")));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/placements?householdId=" + h.id()).then().body("total", equalTo(0));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/placements/" + first).then().statusCode(404);
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/placements").then().statusCode(403);
    }
}
