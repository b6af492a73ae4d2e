package cn.resettle.employment.matching;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.jobs.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.resettle.employment.jobs.Fixtures.SITE_A;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_A;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_B;
import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Person–job matching with scores and reasons, offers that are answered or expire, and a job-matching task that
 * offers matches and completes when someone of the household is placed.
 */
@QuarkusTest
class MatchingTest {

    @Inject
    EntityManager em;

    @BeforeAll
    static void sites() {
        Fixtures.sites();
    }

    static void profile(String token, UUID person, List<String> skills, Boolean wish, Boolean canLeaveHome) {
        Map<String, Object> b = new HashMap<>();
        b.put("skills", skills);
        b.put("wishToWork", wish);
        b.put("trainingWish", false);
        b.put("canLeaveHome", canLeaveHome);
        Integer version = given().header("Authorization", token).get("/api/employment/labour/" + person).then().extract().path("version");
        if (version != null) {
            b.put("version", version);
        }
        given().header("Authorization", token).contentType(ContentType.JSON).body(b).put("/api/employment/labour/" + person)
                .then().statusCode(200);
    }

    @Test
    void aPersonGetsPostingsRankedWithReasonsAndAPostingItsCandidates() {
        String emp = bearer("emp.officer");
        Map<String, String> members = new LinkedHashMap<>();
        members.put(TestIds.citizenId(1988, 6, 1, true), "FULL");
        members.put(TestIds.citizenId(1958, 2, 3, false), "WEAK");
        HouseholdSnapshot h = cn.resettle.employment.labour.LabourRegistryTest.household(SITE_A, TOWNSHIP_A, members);
        UUID full = h.members().get(0).id();
        UUID weak = h.members().get(1).id();
        profile(emp, full, List.of("ELECTRICIAN"), true, true);
        profile(emp, weak, List.of("HANDICRAFT"), null, false);

        String employer = Fixtures.employer(emp, "兴国县稀土新材料公司", "ENTERPRISE", TOWNSHIP_A);
        String atSite = Fixtures.create(emp, Fixtures.posting(employer, "园区电工", "ELECTRICIAN", TOWNSHIP_A, 3, false, false, List.of(SITE_A)));
        String otherTownship = Fixtures.create(emp, Fixtures.posting(employer, "长冈电工", "ELECTRICIAN", TOWNSHIP_B, 3, false, false, List.of()));
        String mason = Fixtures.create(emp, Fixtures.posting(employer, "砌筑工", "MASON", TOWNSHIP_A, 3, false, false, List.of(SITE_A)));
        String home = Fixtures.create(emp, Fixtures.posting(employer, "居家手工编织", "HANDICRAFT", TOWNSHIP_A, 10, true, true, List.of()));

        List<Map<String, Object>> ranked = given().header("Authorization", emp).get("/api/employment/labour/" + full + "/matches?size=200")
                .then().statusCode(200).extract().path("items");
        List<String> ids = ranked.stream().map(m -> (String) m.get("postingId")).toList();
        assertTrue(ids.indexOf(atSite) < ids.indexOf(otherTownship), "own site before another township: " + ids);
        assertTrue(ids.indexOf(otherTownship) < ids.indexOf(mason), "own occupation before another one");
        Map<String, Object> best = ranked.get(ids.indexOf(atSite));
        assertEquals(80, best.get("score")); // skill 40 + own site 30 + wish 10
        assertEquals("SITE", best.get("distance"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> reasons = (List<Map<String, Object>>) best.get("reasons");
        assertEquals(List.of("SKILL", "DISTANCE_SITE", "WISH"), reasons.stream().map(r -> r.get("code")).toList());
        assertEquals("掌握岗位工种：电工", reasons.get(0).get("label"));
        assertEquals(best.get("score"), reasons.stream().mapToInt(r -> (Integer) r.get("points")).sum());
        assertEquals(60, ranked.get(ids.indexOf(otherTownship)).get("score")); // 40 + county 10 + wish 10
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue((Integer) ranked.get(i - 1).get("score") >= (Integer) ranked.get(i).get("score"), "ranked by score");
        }

        // weak labour that cannot leave home: only home-based postings suitable for weak labour
        List<Map<String, Object>> forWeak = given().header("Authorization", emp).get("/api/employment/labour/" + weak + "/matches?size=200")
                .then().statusCode(200).extract().path("items");
        assertTrue(forWeak.stream().anyMatch(m -> m.get("postingId").equals(home)));
        assertTrue(forWeak.stream().noneMatch(m -> m.get("postingId").equals(atSite)));
        Map<String, Object> homeMatch = forWeak.stream().filter(m -> m.get("postingId").equals(home)).findFirst().orElseThrow();
        assertEquals(80, homeMatch.get("score")); // skill 40 + home 30 + weak labour 10 (wish not asked: 0)

        // the posting's candidates: the electrician, not the weak member who cannot leave home
        given().header("Authorization", emp).get("/api/employment/postings/" + atSite + "/candidates?size=200").then().statusCode(200)
                .body("items.personId", hasItem(full.toString())).body("items.personId", not(hasItem(weak.toString())))
                .body("items.find { it.personId == '" + full + "' }.score", equalTo(80))
                .body("items.find { it.personId == '" + full + "' }.idNumber", containsString("********"));
        // another site's worker does not get this site's people as candidates, nor their matches
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/postings/" + atSite + "/candidates?size=200")
                .then().body("items.personId", not(hasItem(full.toString())));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/labour/" + full + "/matches").then().statusCode(404);

        // someone who does not want work is not matched
        profile(emp, full, List.of("ELECTRICIAN"), false, true);
        given().header("Authorization", emp).get("/api/employment/labour/" + full + "/matches").then().statusCode(422)
                .body("type", containsString("no-wish-to-work"));
    }

    @Test
    void aJobMatchingTaskOffersMatchesTheResidentAnswersAndAPlacementCompletesIt() {
        String emp = bearer("emp.officer");
        Map<String, String> members = new LinkedHashMap<>();
        members.put(TestIds.citizenId(1990, 9, 9, true), "FULL");
        members.put(TestIds.citizenId(1940, 1, 1, false), "NONE");
        // the household of the test resident (resident.a1: household_no XG-H-0001)
        HouseholdSnapshot h = TestEvents.household(UUID.randomUUID(), "XG-H-0001", SITE_A, TOWNSHIP_A, members);
        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/registry/households/" + h.id()).then().statusCode(200));
        UUID worker = h.members().get(0).id();
        profile(emp, worker, List.of("WELDER"), true, true);
        String employer = Fixtures.employer(emp, "兴国县钢构厂", "ENTERPRISE", TOWNSHIP_A);
        String welder = Fixtures.create(emp, Fixtures.posting(employer, "钢构焊工", "WELDER", TOWNSHIP_A, 1, false, false, List.of(SITE_A)));
        String second = Fixtures.create(emp, Fixtures.posting(employer, "钢构普工", "GENERAL_LABOUR", TOWNSHIP_A, 5, false, false, List.of(SITE_A)));

        // monitoring flags an income drop → a job-matching task
        UUID risk = UUID.randomUUID();
        TestEvents.publish(Topics.MONITORING, h.id(), MonitoringEvents.RISK_FLAGGED, new MonitoringEvents.RiskFlagged(risk, h.id(),
                h.householdNo(), TOWNSHIP_A, SITE_A, "INCOME_DROP", "VISIT", "HIGH", "test", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + risk).then().body("total", equalTo(1)));
        String task = given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + risk).then().extract().path("items[0].id");

        // the task offers the best postings for the member who seeks work (not the one without labour capacity)
        given().header("Authorization", emp).get("/api/employment/tasks/" + task + "/matches").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].personId", equalTo(worker.toString()))
                .body("[0].postings.postingId", hasItem(welder))
                .body("[0].postings[0].score", equalTo(80));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/tasks/" + task + "/matches").then().statusCode(404);

        String offer = given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", worker, "postingId", welder, "taskId", task)).post("/api/employment/recommendations")
                .then().statusCode(201).body("status", equalTo("OFFERED")).body("score", equalTo(80))
                .body("reasons", containsString("焊工")).extract().path("id");
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", worker, "postingId", welder, "taskId", task)).post("/api/employment/recommendations")
                .then().statusCode(409).body("type", containsString("already-offered"));

        // the resident sees their household's offer and answers it; another site's worker cannot see it
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/my/offers?size=200").then().statusCode(200)
                .body("items.id", hasItem(offer));
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/sites/" + SITE_A + "/jobs?size=200").then()
                .statusCode(200).body("items.id", hasItem(welder));
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/sites/XG-CG-001/jobs").then().statusCode(404);
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/labour/" + worker).then().statusCode(403);
        given().header("Authorization", bearer("resident.a1")).contentType(ContentType.JSON).body(Map.of("version", 0, "accepted", true, "note", "愿意去"))
                .post("/api/employment/my/offers/" + offer + "/answer").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/recommendations/" + offer).then().statusCode(404);

        // an offer nobody answers expires after the configured time (here: its time has passed)
        String unanswered = given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", worker, "postingId", second, "taskId", task)).post("/api/employment/recommendations")
                .then().statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update recommendation set expires_at = now() - interval '1 minute' "
                + "where id = cast(?1 as uuid)").setParameter(1, unanswered).executeUpdate());
        given().header("Authorization", emp).get("/api/employment/recommendations?taskId=" + task + "&status=EXPIRED").then()
                .body("items.id", equalTo(List.of(unanswered))).body("items[0].statusLabel", equalTo("超时未答复"));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("version", 0, "accepted", true))
                .post("/api/employment/recommendations/" + unanswered + "/answer").then().statusCode(409)
                .body("type", containsString("offer-closed"));
        // … and the posting can be offered again
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", worker, "postingId", second, "taskId", task)).post("/api/employment/recommendations")
                .then().statusCode(201);

        // placed on the offered posting: the offer is PLACED, the posting FILLED, the task COMPLETED and announced
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("postingId", welder, "since", LocalDate.now().toString(), "kind", "EMPLOYED_LOCAL"))
                .post("/api/employment/people/" + worker + "/placement").then().statusCode(200);
        given().header("Authorization", emp).get("/api/employment/recommendations/" + offer).then().body("status", equalTo("PLACED"));
        given().header("Authorization", emp).get("/api/employment/postings/" + welder).then().body("status", equalTo("FILLED"));
        given().header("Authorization", emp).get("/api/employment/tasks/" + task).then()
                .body("status", equalTo("COMPLETED")).body("outcome", containsString("兴国县钢构厂"));
        var done = TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals(TaskEvents.COMPLETED)
                && e.path("data").path("taskId").asText().equals(task));
        assertEquals(risk.toString(), done.path("data").path("riskId").asText());
        assertTrue(!done.toString().contains(h.members().get(0).name()), "the event names nobody");
    }
}
