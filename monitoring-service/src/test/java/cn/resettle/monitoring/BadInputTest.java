package cn.resettle.monitoring;

import cn.resettle.common.testing.Concurrently;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.resettle.monitoring.MonitoringTest.step;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad input and races answer 400/409 problems, never a 500; a race is won once and leaves one row and one event. */
@QuarkusTest
class BadInputTest {

    static final YearMonth NOW = YearMonth.now();

    @Inject
    AgroalDataSource db;

    /** A household in the registry copy (its event on the real broker); the first one waits for the consumer to join. */
    static UUID household(String householdNo, String labour) {
        UUID id = UUID.randomUUID();
        TestEvents.registerHousehold(TestEvents.household(id, householdNo, MonitoringTest.SITE, MonitoringTest.REGION,
                Map.of(TestIds.citizenId(1980, 1, 1, true), labour)));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/registry/households/" + id)
                        .then().statusCode(200));
        return id;
    }

    long count(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aHugePageIsA400NamingPageOnEveryList() {
        for (String list : List.of("/api/monitoring/cases", "/api/monitoring/declarations", "/api/monitoring/visits",
                "/api/monitoring/visits/unvisited?month=" + NOW, "/api/monitoring/risks", "/api/monitoring/registry/households")) {
            String sep = list.contains("?") ? "&" : "?";
            given().header("Authorization", Tokens.bearer("county.admin")).get(list + sep + "page=2147483647")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("page"));
        }
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks?page=100000&size=200")
                .then().statusCode(200);
    }

    @Test
    void aNulCharacterIsA400NamingTheField() {
        UUID h = household(TestIds.code("NUL"), "FULL");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "DRINKING_WATER", "severity", "MEDIUM", "evidence", "自来水停供\u0000两周"))
                .post("/api/monitoring/risks").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("evidence"))
                .body("violations[0].message", containsString("control characters"));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "visitMonth", NOW.toString(), "visitedOn", LocalDate.now().toString(),
                        "perCapitaIncome", 9000, "note", "一切正常\u001b[31m"))
                .post("/api/monitoring/visits").then().statusCode(400).body("violations[0].field", equalTo("note"));
        given().header("Authorization", Tokens.bearer("worker.a1")).urlEncodingEnabled(false)
                .get("/api/monitoring/visits?siteCode=XG%00LJ").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("siteCode"));
        given().header("Authorization", Tokens.bearer("civil.officer"))
                .multiPart("file", "med.csv", "身份证号,姓名\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("department", "医保\u0000局").multiPart("month", NOW.toString())
                .post("/api/monitoring/screenings").then().statusCode(400).body("violations[0].field", equalTo("department"));
        // line breaks and tabs stay allowed in free text
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "visitMonth", NOW.toString(), "visitedOn", LocalDate.now().toString(),
                        "perCapitaIncome", 9000, "note", "第一行\n第二行\t完"))
                .post("/api/monitoring/visits").then().statusCode(201).body("visit.note", equalTo("第一行\n第二行\t完"));
    }

    @Test
    void datesHaveLowerBounds() {
        UUID h = household(TestIds.code("DAT"), "FULL");
        // a visit dated outside its month
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "visitMonth", NOW.toString(), "visitedOn", NOW.minusMonths(3).atDay(5).toString(),
                        "perCapitaIncome", 9000))
                .post("/api/monitoring/visits").then().statusCode(400).body("violations[0].field", equalTo("visitedOn"));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "visitMonth", NOW.minusMonths(3).toString(), "visitedOn", LocalDate.now().toString(),
                        "perCapitaIncome", 9000))
                .post("/api/monitoring/visits").then().statusCode(400).body("violations[0].field", equalTo("visitedOn"));
        // a screening for 1990 would count every visit since as "stable months"
        given().header("Authorization", Tokens.bearer("civil.officer"))
                .multiPart("file", "med.csv", "身份证号,姓名\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("department", "医保局").multiPart("month", "1990-01")
                .post("/api/monitoring/screenings").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("month"));
        // a notice backdated to 2000 would skip the notice period
        String caseId = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "subjectType", "MARGINAL_AT_RISK", "source", "CADRE"))
                .post("/api/monitoring/cases").then().statusCode(201).extract().path("id");
        step(caseId, 0, "HOME_CHECK", "worker.a1", null).statusCode(200);
        step(caseId, 1, "DEMOCRATIC_REVIEW", "worker.a1", null).statusCode(200);
        step(caseId, 2, "PUBLIC_NOTICE", "township.a", "2000-01-01").statusCode(400)
                .body("violations[0].field", equalTo("noticeStartedOn"));
        step(caseId, 2, "PUBLIC_NOTICE", "township.a", LocalDate.now().minusDays(8).toString()).statusCode(400);
        step(caseId, 2, "PUBLIC_NOTICE", "township.a", LocalDate.now().minusDays(2).toString()).statusCode(200)
                .body("noticeEnds", equalTo(LocalDate.now().plusDays(3).toString()));
    }

    @Test
    void twoVisitsForOneMonthAtOnce() throws Exception {
        UUID h = household(TestIds.code("RACE"), "FULL");
        Map<String, Object> body = Map.of("householdId", h, "visitMonth", NOW.toString(),
                "visitedOn", LocalDate.now().toString(), "perCapitaIncome", 9000);
        List<Response> r = Concurrently.blockedBehind(db, "lock table visit in share row exclusive mode",
                () -> post("worker.a1", "/api/monitoring/visits", body),
                () -> post("worker.a1", "/api/monitoring/visits", body));
        assertEquals(List.of(201, 409), Concurrently.statuses(r), bodies(r));
        Response refused = r.stream().filter(x -> x.statusCode() == 409).findFirst().orElseThrow();
        assertEquals("https://resettle.cn/problems/already-visited", refused.path("type"));
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(1, count("select count(*) from visit where household_id = ?", h));
    }

    @Test
    void twoOpenCasesAtOnce() throws Exception {
        UUID h = household(TestIds.code("RACE"), "FULL");
        Map<String, Object> body = Map.of("householdId", h, "subjectType", "MARGINAL_AT_RISK", "source", "CADRE");
        List<Response> r = Concurrently.blockedBehind(db, "lock table monitoring_case in share row exclusive mode",
                () -> post("worker.a1", "/api/monitoring/cases", body),
                () -> post("township.a", "/api/monitoring/cases", body));
        assertEquals(List.of(201, 409), Concurrently.statuses(r), bodies(r));
        assertEquals(1, count("select count(*) from monitoring_case where household_id = ?", h));
    }

    @Test
    void twoOpenRisksOfOneCategoryAtOnce() throws Exception {
        UUID h = household(TestIds.code("RACE"), "FULL");
        Map<String, Object> body = Map.of("householdId", h, "category", "HOUSING_SAFETY", "severity", "HIGH", "evidence", "墙体开裂");
        List<Response> r = Concurrently.blockedBehind(db, "lock table risk in share row exclusive mode",
                () -> post("worker.a1", "/api/monitoring/risks", body),
                () -> post("township.a", "/api/monitoring/risks", body));
        assertEquals(List.of(201, 409), Concurrently.statuses(r), bodies(r));
        assertEquals(1, count("select count(*) from risk where household_id = ? and status = 'OPEN'", h));
    }

    @Test
    void twoApprovalsAtOnceIdentifyTheSubjectOnce() throws Exception {
        UUID h = household(TestIds.code("RACE"), "FULL");
        String caseId = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "subjectType", "SUDDEN_DIFFICULTY", "source", "WARNING"))
                .post("/api/monitoring/cases").then().statusCode(201).extract().path("id");
        step(caseId, 0, "HOME_CHECK", "worker.a1", null).statusCode(200);
        step(caseId, 1, "DEMOCRATIC_REVIEW", "worker.a1", null).statusCode(200);
        step(caseId, 2, "PUBLIC_NOTICE", "township.a", LocalDate.now().minusDays(7).toString()).statusCode(200);
        step(caseId, 3, "TOWNSHIP_REVIEW", "township.a", null).statusCode(200);
        Map<String, Object> approve = new HashMap<>(Map.of("version", 4, "step", "COUNTY_APPROVAL", "passed", true));
        List<Response> r = Concurrently.blockedBehind(db, "select id from monitoring_case where id = '" + caseId + "' for update",
                () -> post("county.admin", "/api/monitoring/cases/" + caseId + "/steps", approve),
                () -> post("county.admin", "/api/monitoring/cases/" + caseId + "/steps", approve));
        assertEquals(List.of(200, 409), Concurrently.statuses(r), bodies(r));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/cases/" + caseId)
                .then().body("status", equalTo("IDENTIFIED")).body("steps.size()", equalTo(5)).body("version", equalTo(5));
        assertEquals(1, count("select count(*) from outbox_event where event_type like '%subject.identified%' and payload like ?",
                "%" + caseId + "%"));
    }

    @Test
    void twoAcknowledgementsAtOnceFlagOnce() throws Exception {
        household("XG-H-0001", "FULL");
        String id = given().header("Authorization", Tokens.bearer("resident.a1")).contentType(ContentType.JSON)
                .body(Map.of("category", "ACCIDENT", "description", "摔伤住院"))
                .post("/api/monitoring/declarations").then().statusCode(201).extract().path("id");
        Map<String, Object> ack = Map.of("version", 0);
        List<Response> r = Concurrently.blockedBehind(db, "lock table risk in share row exclusive mode",
                () -> post("worker.a1", "/api/monitoring/declarations/" + id + "/acknowledge", ack),
                () -> post("township.a", "/api/monitoring/declarations/" + id + "/acknowledge", ack));
        assertEquals(List.of(200, 409), Concurrently.statuses(r), bodies(r));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/declarations/" + id)
                .then().body("status", equalTo("ACKNOWLEDGED")).body("version", equalTo(1));
    }

    static Response post(String user, String path, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body).post(path);
    }

    static String bodies(List<Response> r) {
        return r.stream().map(x -> x.statusCode() + " " + x.asString()).toList().toString();
    }
}
