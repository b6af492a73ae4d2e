package cn.resettle.community.requests;

import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-stop service requests: a resident files for their own household, staff accept and answer, the resident rates or
 * reopens; overdue requests escalate site → township → county by themselves; scope, ledger, Open311, the event.
 */
@QuarkusTest
class ServiceRequestTest {

    static final String RESIDENT_HOUSEHOLD = "XG-H-0001";

    @Inject
    AgroalDataSource db;

    static String site(String code, String township) {
        var found = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/sites?size=200")
                .then().extract().jsonPath().getList("items.findAll { it.code == '" + code + "' }.id", String.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", code.equals("XG-LJ-001") ? "潋江安置点" : "长冈安置点", "countyCode", "360732",
                        "townshipCode", township, "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201)
                .extract().path("id");
    }

    static String household(String householdNo, String siteCode, String township) {
        var r = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", householdNo, "siteId", site(siteCode, township), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1978, 5, 12, true),
                                "name", "刘德华", "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households");
        return r.statusCode() == 201 ? r.path("id") : null;
    }

    /** resident.a1's household (token claim household_no XG-H-0001), registered once per test run. */
    String residentHousehold() throws Exception {
        household(RESIDENT_HOUSEHOLD, "XG-LJ-001", "360732100");
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select id from household where household_no = ?")) {
            ps.setString(1, RESIDENT_HOUSEHOLD);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    static JsonPath file(String user, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/community/requests").then().statusCode(201).extract().jsonPath();
    }

    static JsonPath act(String user, String id, String step, Map<String, Object> body, int status) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/community/requests/" + id + "/" + step).then().statusCode(status).extract().jsonPath();
    }

    @Test
    void aResidentFilesARegistrationTransferItIsRoutedAnsweredAndRated() throws Exception {
        String own = residentHousehold();
        OffsetDateTime before = OffsetDateTime.now();
        JsonPath r = file("resident.a1", Map.of("category", "HOUSEHOLD_REGISTRATION", "title", "户口从老家迁入安置点",
                "description", "全家四口户口仍在原籍村，需迁入潋江安置社区"));
        String id = r.getString("id");
        assertEquals(own, r.getString("householdId"));
        assertEquals("SUBMITTED", r.getString("status"));
        assertEquals("SITE", r.getString("level"));
        assertEquals("RESIDENT", r.getString("channel"));
        assertEquals("公安派出所 户籍窗口", r.getString("department"));
        assertTrue(r.getString("requestNo").startsWith("SQ"));
        // two days to accept (configuration for HOUSEHOLD_REGISTRATION)
        OffsetDateTime due = OffsetDateTime.parse(r.getString("dueAt"));
        assertTrue(due.isAfter(before.plusDays(2).minusMinutes(1)) && due.isBefore(before.plusDays(2).plusMinutes(5)), due.toString());

        // the site's worker and the county see it; the other site's worker and the other township do not
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/requests/" + id).then().statusCode(200)
                .body("request.householdNo", equalTo(RESIDENT_HOUSEHOLD)).body("steps[0].action", equalTo("FILED"));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/requests/" + id).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/requests?size=200").then()
                .body("items.id", not(hasItem(id)));

        JsonPath accepted = act("worker.a1", id, "accept", Map.of("version", 0), 200);
        assertEquals("ACCEPTED", accepted.getString("status"));
        // fifteen days to answer from acceptance
        assertTrue(OffsetDateTime.parse(accepted.getString("dueAt")).isAfter(OffsetDateTime.now().plusDays(14)));
        act("worker.a1", id, "accept", Map.of("version", 0), 409);
        act("worker.a1", id, "answer", Map.of("version", 1, "answer", "已开具准迁证明，请携户口簿到派出所办理"), 200);
        // the resident is not a worker: cannot accept or answer
        act("resident.a1", id, "accept", Map.of("version", 2), 403);
        act("resident.a1", id, "close", Map.of("version", 2, "rating", 6), 400);
        JsonPath closed = act("resident.a1", id, "close", Map.of("version", 2, "rating", 5, "comment", "办理很快"), 200);
        assertEquals("CLOSED", closed.getString("status"));
        assertEquals(5, closed.getInt("rating"));
        act("resident.a1", id, "reopen", Map.of("version", 3, "reason", "x"), 422);

        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/community/requests/" + id).then()
                .statusCode(200).body("steps.action", equalTo(List.of("FILED", "ACCEPTED", "ANSWERED", "CLOSED")));
    }

    @Test
    void aResidentSeesAndFilesOnlyForTheirOwnHousehold() throws Exception {
        residentHousehold();
        String other = household(TestIds.code("SR"), "XG-LJ-001", "360732100");
        given().header("Authorization", Tokens.bearer("resident.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", other, "category", "SCHOOLING", "title", "孩子入学", "description", "申请就近入学"))
                .post("/api/community/requests").then().statusCode(403);
        String theirs = file("worker.a1", Map.of("householdId", other, "category", "MEDICAL", "title", "慢性病卡办理",
                "description", "高血压慢性病卡")).getString("id");
        file("resident.a1", Map.of("category", "PROPERTY", "title", "楼道灯坏了", "description", "3栋2单元楼道灯不亮"));
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/community/requests?size=200").then()
                .statusCode(200).body("items.householdNo", everyItem(equalTo(RESIDENT_HOUSEHOLD))).body("items.id", not(hasItem(theirs)));
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/community/requests/" + theirs).then().statusCode(404);
        // staff must name the household; a household outside the worker's site does not exist for them
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("category", "MEDICAL", "title", "x", "description", "y")).post("/api/community/requests")
                .then().statusCode(400).body("violations[0].field", equalTo("householdId"));
        given().header("Authorization", Tokens.bearer("worker.b1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", other, "category", "MEDICAL", "title", "x", "description", "y"))
                .post("/api/community/requests").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", other, "category", "NOPE", "title", "x", "description", "y"))
                .post("/api/community/requests").then().statusCode(400);
    }

    @Test
    void anUnsatisfiedResidentReopensTheRequestWithANewDeadline() throws Exception {
        residentHousehold();
        String id = file("resident.a1", Map.of("category", "SOCIAL_SECURITY", "title", "低保申请进度",
                "description", "上月递交低保申请，想了解进度")).getString("id");
        act("worker.a1", id, "answer", Map.of("version", 0, "answer", "已转民政局审核"), 200);
        JsonPath reopened = act("resident.a1", id, "reopen", Map.of("version", 1, "reason", "没有说明何时出结果"), 200);
        assertEquals("SUBMITTED", reopened.getString("status"));
        assertEquals(1, reopened.getInt("reopenCount"));
        assertTrue(OffsetDateTime.parse(reopened.getString("dueAt")).isAfter(OffsetDateTime.now().plusDays(1)));
    }

    @Test
    void aRequestPastItsDeadlineEscalatesToTheTownshipThenTheCountyByItself() {
        String h = household(TestIds.code("SR"), "XG-LJ-001", "360732100");
        // OTHER requests are due within 2 s in the test configuration; the escalation job runs every second
        String id = file("worker.a1", Map.of("householdId", h, "category", "OTHER", "title", "安置点道路积水",
                "description", "雨后小区道路积水严重")).getString("id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/requests/" + id).then()
                        .body("request.level", equalTo("COUNTY")).body("request.overdue", equalTo(true))
                        .body("request.escalatedAt", notNullValue()));
        JsonPath detail = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/requests/" + id)
                .then().extract().jsonPath();
        assertEquals(List.of("FILED", "ESCALATED", "ESCALATED"), detail.getList("steps.action"));
        assertEquals(List.of("SITE", "TOWNSHIP", "COUNTY"), detail.getList("steps.level"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/requests?overdue=true&size=200")
                        .then().statusCode(200).body("items.id", hasItem(id)));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/requests?overdue=true&size=200")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        // acting on it ends the overdue state (the answer's deadline starts now)
        long version = detail.getLong("request.version");
        JsonPath accepted = act("township.a", id, "accept", Map.of("version", version), 200);
        assertEquals("COUNTY", accepted.getString("level"));
    }

    @Test
    void aDisputeNamesItsPartiesAndIsAnsweredWithTheMediationOutcome() {
        String h = household(TestIds.code("SR"), "XG-LJ-001", "360732100");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "DISPUTE", "title", "邻里漏水纠纷", "description", "楼上漏水",
                        "parties", List.of("王建国")))
                .post("/api/community/requests").then().statusCode(400).body("violations[0].field", equalTo("parties"));
        JsonPath d = file("worker.a1", Map.of("householdId", h, "category", "DISPUTE", "title", "邻里漏水纠纷",
                "description", "楼上卫生间漏水至楼下", "parties", List.of("王建国", "李秀英")));
        assertEquals("DISPUTE", d.getString("kind"));
        assertEquals(List.of("王建国", "李秀英"), d.getList("parties"));
        String id = d.getString("id");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "answer", "已调解")).post("/api/community/requests/" + id + "/answer")
                .then().statusCode(400).body("violations[0].field", equalTo("mediationOutcome"));
        JsonPath answered = act("worker.a1", id, "answer", Map.of("version", 0, "answer", "双方达成协议，楼上维修防水层",
                "mediationOutcome", "SETTLED"), 200);
        assertEquals("SETTLED", answered.getString("mediationOutcome"));
    }

    @Test
    void aJobsRequestIsAnnouncedForEmploymentAndTheLedgerListsRequests() throws Exception {
        String h = household(TestIds.code("SR"), "XG-LJ-001", "360732100");
        JsonPath r = file("worker.a1", Map.of("householdId", h, "category", "JOBS", "title", "求职登记",
                "description", "户主想在附近帮扶车间就业"));
        String id = r.getString("id");
        TestEvents.awaitEvent(Topics.COMMUNITY, e -> e.path("type").asText().equals("cn.resettle.community.service-request.filed.v1")
                && e.path("data").path("requestId").asText().equals(id)
                && e.path("data").path("category").asText().equals("JOBS")
                && e.path("data").path("department").asText().equals("人社局 就业服务")
                && e.path("data").path("householdId").asText().equals(h)
                && !e.path("data").has("description"));
        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/requests/ledger.xlsx?siteCode=XG-LJ-001").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").extract().asByteArray();
        List<String> row = row(xlsx, r.getString("requestNo"));
        assertEquals("就业服务", row.get(4));
        assertEquals("人社局 就业服务", row.get(10));
        assertEquals("待受理", row.get(12));
        // the other township's ledger does not have it
        byte[] other = given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/requests/ledger.xlsx")
                .then().statusCode(200).extract().asByteArray();
        assertTrue(rows(other).stream().noneMatch(x -> x.get(0).equals(r.getString("requestNo"))));
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/community/requests/ledger.xlsx").then().statusCode(403);
    }

    @Test
    void otherSystemsFileAndReadThroughOpen311() throws Exception {
        residentHousehold();
        given().header("Authorization", "Bearer " + Tokens.system()).get("/api/community/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItem("HOUSEHOLD_REGISTRATION")).body("find { it.service_code == 'JOBS' }.service_name",
                        equalTo("就业服务"));
        String id = given().header("Authorization", "Bearer " + Tokens.system()).contentType(ContentType.URLENC)
                .formParam("service_code", "LEGAL_AID").formParam("description", "工资被拖欠三个月，申请法律援助")
                .formParam("attribute[household_no]", RESIDENT_HOUSEHOLD).formParam("lat", "26.337").formParam("long", "115.363")
                .post("/api/community/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_notice", notNullValue()).extract().path("[0].service_request_id");
        given().header("Authorization", "Bearer " + Tokens.system()).get("/api/community/open311/v2/requests.json?service_request_id=" + id)
                .then().statusCode(200).body("[0].status", equalTo("open")).body("[0].service_code", equalTo("LEGAL_AID"))
                .body("[0].agency_responsible", equalTo("司法局 法律援助中心")).body("[0].expected_datetime", notNullValue());
        given().header("Authorization", "Bearer " + Tokens.system()).get("/api/community/open311/v2/requests/" + id + ".json")
                .then().statusCode(200).body("[0].service_request_id", equalTo(id));
        // the resident sees it among their own; it was filed through Open311
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/community/requests/" + id).then()
                .statusCode(200).body("request.channel", equalTo("OPEN311"));
        given().header("Authorization", "Bearer " + Tokens.system()).contentType(ContentType.URLENC)
                .formParam("service_code", "NOPE").formParam("description", "x").formParam("attribute[household_no]", RESIDENT_HOUSEHOLD)
                .post("/api/community/open311/v2/requests.json").then().statusCode(400)
                .body("violations[0].field", equalTo("service_code"));
        given().header("Authorization", "Bearer " + Tokens.system()).get("/api/community/open311/v2/requests.json?status=open&service_code=LEGAL_AID")
                .then().statusCode(200).body("service_request_id", hasItem(id));
    }

    static List<String> row(byte[] xlsx, String first) throws Exception {
        return rows(xlsx).stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError(first + " is not in the ledger"));
    }

    static List<List<String>> rows(byte[] xlsx) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row r : wb.getFirstSheet().read()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.getCellCount(); i++) {
                    cells.add(r.getCellText(i));
                }
                out.add(cells);
            }
        }
        return out;
    }
}
