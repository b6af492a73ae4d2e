package cn.resettle.employment.training;

import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.jobs.Fixtures;
import cn.resettle.employment.labour.LabourRegistryTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.resettle.employment.jobs.Fixtures.SITE_A;
import static cn.resettle.employment.jobs.Fixtures.SITE_B;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_A;
import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training at a site: a session, enrolment, attendance, completion with a certificate; the skills gained join the
 * labour record, the completion counts as the "311" training offer and is announced on the real broker; each site's
 * sessions per year; a resident sees their own household's trainings.
 */
@QuarkusTest
class TrainingTest {

    @Inject
    EntityManager em;

    @BeforeAll
    static void sites() {
        Fixtures.sites();
    }

    static Map<String, Object> session(String title, String site, LocalDate starts, LocalDate ends, List<String> skills, int capacity) {
        Map<String, Object> b = new HashMap<>();
        b.put("title", title);
        b.put("kind", "SKILL");
        b.put("provider", "兴国县职业技术学校");
        b.put("siteCode", site);
        b.put("startsOn", starts.toString());
        b.put("endsOn", ends.toString());
        b.put("skills", skills);
        b.put("capacity", capacity);
        return b;
    }

    static String createSession(String token, Map<String, Object> body) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> { // the site reaches the registry copy
            var r = given().header("Authorization", token).contentType(ContentType.JSON).body(body).post("/api/employment/trainings");
            if (r.statusCode() == 201) {
                id[0] = r.path("id");
                return true;
            }
            if (r.statusCode() != 422 || !String.valueOf(r.<String>path("type")).endsWith("unknown-site")) {
                throw new AssertionError("session refused: " + r.statusCode() + " " + r.asString());
            }
            return false;
        });
        return id[0];
    }

    @Test
    void aSiteTrainsItsWorkersAndTheSkillsJoinTheirLabourRecords() throws Exception {
        String worker = bearer("worker.a1");
        Map<String, String> members = new LinkedHashMap<>();
        String first = TestIds.citizenId(1988, 5, 6, true);
        String second = TestIds.citizenId(1990, 8, 9, false);
        String none = TestIds.citizenId(1950, 1, 2, true);
        members.put(first, "FULL");
        members.put(second, "WEAK");
        members.put(none, "NONE");
        HouseholdSnapshot h = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, members);
        UUID p1 = h.members().get(0).id();
        UUID p2 = h.members().get(1).id();
        UUID p3 = h.members().get(2).id();
        // the first already has a skill of their own
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("skills", List.of("COOK"), "wishToWork", true, "trainingWish", true, "trainingSkills", List.of("ELECTRICIAN")))
                .put("/api/employment/labour/" + p1).then().statusCode(200);

        LocalDate start = LocalDate.now().minusDays(3);
        LocalDate end = LocalDate.now().plusDays(4);
        // bad sessions: dates the wrong way round, unknown skill, unknown kind, another site
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(session("电工培训班", SITE_A, end, start, List.of("ELECTRICIAN"), 30)).post("/api/employment/trainings")
                .then().statusCode(422).body("violations[0].field", equalTo("endsOn"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(session("电工培训班", SITE_A, start, end, List.of("ASTRONAUT"), 30)).post("/api/employment/trainings")
                .then().statusCode(422).body("type", containsString("unknown-skill")).body("violations[0].field", equalTo("skills"));
        Map<String, Object> badKind = session("电工培训班", SITE_A, start, end, List.of("ELECTRICIAN"), 30);
        badKind.put("kind", "PARTY");
        given().header("Authorization", worker).contentType(ContentType.JSON).body(badKind).post("/api/employment/trainings")
                .then().statusCode(400).body("status", equalTo(400));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(session("电工培训班", SITE_B, start, end, List.of("ELECTRICIAN"), 30)).post("/api/employment/trainings")
                .then().statusCode(403);

        String s = createSession(worker, session("潋江安置点电工培训班", SITE_A, start, end, List.of("ELECTRICIAN"), 2));
        given().header("Authorization", worker).get("/api/employment/trainings/" + s).then().statusCode(200)
                .body("phase", equalTo("RUNNING")).body("kindLabel", equalTo("就业技能培训")).body("capacity", equalTo(2));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/trainings/" + s).then().statusCode(404);

        // enrolment: people who can work, once each, up to the places
        String enrol = "/api/employment/trainings/" + s + "/enrolments";
        String e1 = given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", p1)).post(enrol)
                .then().statusCode(201).body("status", equalTo("ENROLLED")).body("idNumber", not(equalTo(first)))
                .extract().path("id");
        given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", p1)).post(enrol)
                .then().statusCode(409).body("type", containsString("already-enrolled"));
        given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", p3)).post(enrol)
                .then().statusCode(422).body("type", containsString("no-labour-capacity"));
        given().header("Authorization", bearer("worker.b1")).contentType(ContentType.JSON).body(Map.of("personId", p2)).post(enrol)
                .then().statusCode(404);
        given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", p2)).post(enrol)
                .then().statusCode(201);
        HouseholdSnapshot other = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(TestIds.citizenId(1993, 3, 3, true), "FULL"));
        given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", other.members().get(0).id()))
                .post(enrol).then().statusCode(422).body("type", containsString("session-full"));

        // attendance by day: inside the session's dates, only people enrolled, a day counted once
        String attend = "/api/employment/trainings/" + s + "/attendance";
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("day", start.minusDays(1).toString(), "personIds", List.of(p1))).post(attend)
                .then().statusCode(422).body("violations[0].field", equalTo("day"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("day", start.toString(), "personIds", List.of(p1, other.members().get(0).id()))).post(attend)
                .then().statusCode(422).body("violations[0].field", equalTo("personIds[1]"));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", worker).contentType(ContentType.JSON)
                    .body(Map.of("day", start.toString(), "personIds", List.of(p1, p2))).post(attend).then().statusCode(200)
                    .body("find { it.personId == '" + p1 + "' }.daysAttended", equalTo(1));
        }
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("day", start.plusDays(1).toString(), "personIds", List.of(p1))).post(attend).then().statusCode(200)
                .body("find { it.personId == '" + p1 + "' }.daysAttended", equalTo(2))
                .body("find { it.personId == '" + p2 + "' }.daysAttended", equalTo(1));

        // completion: not before the start, not in the future, once; the session's skills join the labour record
        String complete = "/api/employment/trainings/" + s + "/enrolments/" + e1 + "/complete";
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "completedOn", start.minusDays(1).toString())).post(complete)
                .then().statusCode(422).body("violations[0].field", equalTo("completedOn"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "completedOn", LocalDate.now().plusDays(1).toString())).post(complete)
                .then().statusCode(400).body("violations[0].field", containsString("completedOn"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "completedOn", LocalDate.now().toString(), "certificateNo", "JX-2026-电工-0931")).post(complete)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("skillsGained", equalTo(List.of("ELECTRICIAN")))
                .body("certificateNo", equalTo("JX-2026-电工-0931"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "completedOn", LocalDate.now().toString())).post(complete)
                .then().statusCode(409).body("type", containsString("enrolment-completed"));
        given().header("Authorization", worker).get("/api/employment/labour/" + p1).then().statusCode(200)
                .body("skills", hasItems("COOK", "ELECTRICIAN"));

        // announced for other services, without names or ID numbers
        JsonNode done = TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals(EmploymentEvents.TRAINING_COMPLETED)
                && e.path("data").path("enrolmentId").asText().equals(e1));
        assertEquals(h.id().toString(), done.path("data").path("householdId").asText());
        assertTrue(done.path("data").path("certified").asBoolean());
        assertTrue(!done.toString().contains(first) && !done.toString().contains("成员"), "no ID number or name in the event");

        // the completion is the year's free training offer of "311"
        given().header("Authorization", worker).get("/api/employment/service-311?size=200&siteCode=" + SITE_A).then().statusCode(200)
                .body("items.find { it.personId == '" + p1 + "' }.trainingOffers", equalTo(1))
                .body("items.find { it.personId == '" + p2 + "' }.trainingOffers", equalTo(0));

        // the people's trainings: scoped, and as Excel (masked)
        given().header("Authorization", worker).get("/api/employment/trainings/enrolments?personId=" + p1).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].daysAttended", equalTo(2));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/trainings/enrolments?personId=" + p1).then()
                .statusCode(200).body("total", equalTo(0));
        given().header("Authorization", worker).get("/api/employment/trainings/enrolments?status=DONE").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        byte[] xlsx = given().header("Authorization", worker).get("/api/employment/trainings/enrolments.xlsx?sessionId=" + s)
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size());
            assertTrue(rows.stream().anyMatch(r -> "已结业".equals(r.getCellText(9)) && "电工".equals(r.getCellText(13))));
            assertTrue(rows.stream().noneMatch(r -> first.equals(r.getCellText(8))), "no clear ID number");
        }
        List<?> audited = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select action from audit_log where actor = 'worker.a1' and subject_type = 'training' "
                        + "and cast(?1 as uuid) = any(household_ids)").setParameter(1, h.id().toString()).getResultList());
        assertTrue(audited.containsAll(List.of("LIST", "EXPORT")), "audited: " + audited);

        // the site has held a session this year; the sessions list and its Excel
        int year = Year.now().getValue();
        given().header("Authorization", worker).get("/api/employment/trainings/sites?year=" + year).then().statusCode(200)
                .body("items.siteCode", equalTo(List.of(SITE_A)))
                .body("items[0].hasSession", equalTo(true)).body("items[0].completions", equalTo(1));
        given().header("Authorization", worker).get("/api/employment/trainings/sites?withoutOnly=true&year=" + year).then()
                .body("total", equalTo(0));
        given().header("Authorization", bearer("emp.officer")).get("/api/employment/trainings/sites?withoutOnly=true&size=200&year=" + year)
                .then().body("items.siteCode", hasItem(SITE_B)).body("items.siteCode", not(hasItem(SITE_A)));
        given().header("Authorization", bearer("emp.officer")).get("/api/employment/trainings/sites?year=1999").then().statusCode(400)
                .body("violations[0].field", equalTo("year"));
        given().header("Authorization", worker).get("/api/employment/trainings?year=" + year + "&siteCode=" + SITE_A).then()
                .statusCode(200).body("items.id", hasItem(s));
        byte[] sitesXlsx = given().header("Authorization", bearer("emp.officer"))
                .get("/api/employment/trainings/sites.xlsx?withoutOnly=true&year=" + year).then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(sitesXlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertTrue(rows.stream().anyMatch(r -> SITE_B.equals(r.getCellText(1)) && "否".equals(r.getCellText(6))));
            assertTrue(rows.stream().noneMatch(r -> SITE_A.equals(r.getCellText(1))));
        }
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/trainings").then().statusCode(403);
    }

    @Test
    void aResidentSeesTheirOwnHouseholdsTrainingsOnly() {
        String worker = bearer("worker.a1");
        // the household of the test resident (resident.a1: household_no XG-H-0001) and a neighbour's
        HouseholdSnapshot own = TestEvents.household(UUID.randomUUID(), "XG-H-0001", SITE_A, TOWNSHIP_A,
                Map.of(TestIds.citizenId(1987, 10, 1, false), "FULL"));
        TestEvents.registerHousehold(own);
        HouseholdSnapshot neighbour = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(TestIds.citizenId(1989, 2, 14, true), "FULL"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", worker)
                .get("/api/employment/labour/" + own.members().get(0).id()).then().statusCode(200));
        String s = createSession(worker, session("手工编织培训班", SITE_A, LocalDate.now(), LocalDate.now().plusDays(10), List.of("HANDICRAFT"), 20));
        for (HouseholdSnapshot h : List.of(own, neighbour)) {
            given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", h.members().get(0).id()))
                    .post("/api/employment/trainings/" + s + "/enrolments").then().statusCode(201);
        }
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/my/trainings?size=200").then().statusCode(200)
                .body("items.personId", hasItem(own.members().get(0).id().toString()))
                .body("items.personId", not(hasItem(neighbour.members().get(0).id().toString())))
                .body("items.householdNo", not(hasItem(neighbour.householdNo())));
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/trainings/enrolments").then().statusCode(403);
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/my/trainings").then().statusCode(403);
    }
}
