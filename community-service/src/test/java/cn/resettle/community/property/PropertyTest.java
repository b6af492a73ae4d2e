package cn.resettle.community.property;

import cn.resettle.common.events.MonitoringEvents.SubjectIdentified;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property fees relieved for households in difficulty, payments, and the facility-maintenance ledger. */
@QuarkusTest
class PropertyTest {

    static String site(String code, String township) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "安置点" + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    static String household(String siteId) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("PF"), "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1972, 10, 3, true),
                                "name", "钟启明", "relationship", "HEAD", "labourCapacity", "WEAK", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse post(String user, String path, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/community/property" + path).then();
    }

    @Test
    void feesAreBilledRelievedForHouseholdsInDifficultyAndPaid() throws Exception {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String h1 = household(site);
        String h2 = household(site);
        String period = YearMonth.now().toString();
        post("township.a", "/fees/bills", Map.of("siteId", site, "period", period, "monthlyFee", 45.5)).statusCode(201)
                .body("billed", equalTo(2)).body("alreadyBilled", equalTo(0));
        post("township.a", "/fees/bills", Map.of("siteId", site, "period", period, "monthlyFee", 45.5)).statusCode(201)
                .body("billed", equalTo(0)).body("alreadyBilled", equalTo(2));
        post("township.a", "/fees/bills", Map.of("siteId", site, "period", "2026-13", "monthlyFee", 45.5)).statusCode(400)
                .body("violations.field", hasItem("period"));
        post("township.b", "/fees/bills", Map.of("siteId", site, "period", period, "monthlyFee", 45.5)).statusCode(404);
        String fee1 = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/property/fees?householdId=" + h1).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].status", equalTo("UNPAID")).body("items[0].outstanding", equalTo(45.5f)).extract().path("items[0].id");
        String fee2 = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/property/fees?householdId=" + h2).then().extract().path("items[0].id");

        // a monitoring subject's relief needs monitoring to have identified the household
        Map<String, Object> relief = Map.of("version", 0, "amount", 45.5, "kind", "MONITORING_SUBJECT", "reason", "突发严重困难",
                "source", "2026 年产业收益分配方案 物业费减免");
        post("township.a", "/fees/" + fee1 + "/relief", relief).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/not-in-difficulty"));
        TestEvents.publish(Topics.MONITORING, h1, "cn.resettle.monitoring.subject.identified.v1", new SubjectIdentified(
                UUID.randomUUID(), UUID.fromString(h1), "360732100", code, "SUDDEN_DIFFICULTY", "county.admin", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                post("township.a", "/fees/" + fee1 + "/relief", relief).statusCode(200).body("relief", equalTo(45.5f))
                        .body("status", equalTo("PAID")).body("reliefBy", equalTo("township.a")));
        post("township.a", "/fees/" + fee1 + "/relief", Map.of("version", 1, "amount", 1, "kind", "DISABILITY", "reason", "x"))
                .statusCode(422).body("type", equalTo("https://resettle.cn/problems/already-relieved"));
        // a site worker records payments but decides no relief
        post("worker.a1", "/fees/" + fee2 + "/relief", Map.of("version", 0, "amount", 10, "kind", "MINIMUM_LIVING", "reason", "低保户"))
                .statusCode(403);
        post("township.a", "/fees/" + fee2 + "/relief", Map.of("version", 0, "amount", 50, "kind", "MINIMUM_LIVING", "reason", "低保户"))
                .statusCode(422).body("type", equalTo("https://resettle.cn/problems/relief-exceeds-due"));
        post("township.a", "/fees/" + fee2 + "/relief", Map.of("version", 0, "amount", 20, "kind", "MINIMUM_LIVING", "reason", "低保户"))
                .statusCode(200).body("outstanding", equalTo(25.5f));
        post("township.a", "/fees/" + fee2 + "/payments", Map.of("version", 1, "amount", 30, "paidOn", LocalDate.now().toString()))
                .statusCode(422).body("type", equalTo("https://resettle.cn/problems/overpaid"));
        post("township.a", "/fees/" + fee2 + "/payments", Map.of("version", 1, "amount", 10, "paidOn", LocalDate.now().toString()))
                .statusCode(200).body("status", equalTo("PARTIAL")).body("outstanding", equalTo(15.5f));
        post("township.a", "/fees/" + fee2 + "/payments", Map.of("version", 1, "amount", 1, "paidOn", LocalDate.now().toString()))
                .statusCode(409);
        given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/property/fees?relieved=true&siteCode=" + code).then().body("total", equalTo(2));
        given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/property/fees?status=PARTIAL&siteCode=" + code).then().body("items.id", equalTo(List.of(fee2)));
        given().header("Authorization", Tokens.bearer("township.b"))
                .get("/api/community/property/fees?siteCode=" + code).then().statusCode(200).body("total", equalTo(0));
        // a resident sees only their own household's bills
        given().header("Authorization", Tokens.bearer("resident.a1"))
                .get("/api/community/property/fees?siteCode=" + code).then().statusCode(200).body("total", equalTo(0));

        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/property/fees/ledger.xlsx?siteCode=" + code).then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size());
            assertTrue(rows.stream().anyMatch(r -> "防返贫监测对象".equals(r.getCellText(6))), "relief kind in the ledger");
        }
    }

    @Test
    void facilityRepairsAreRecordedAndExportedAsTheMaintenanceLedger() throws Exception {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String today = LocalDate.now().toString();
        String job = post("worker.a1", "/maintenance", Map.of("siteId", site, "facility", "2 号楼电梯", "category", "ELEVATOR",
                "description", "电梯停在 3 楼无法运行", "reportedOn", today)).statusCode(404).extract().path("id");
        job = post("township.a", "/maintenance", Map.of("siteId", site, "facility", "2 号楼电梯", "category", "ELEVATOR",
                "description", "电梯停在 3 楼无法运行", "reportedOn", LocalDate.now().minusDays(2).toString(), "contractor", "兴国县某电梯维保公司"))
                .statusCode(201).body("status", equalTo("OPEN")).extract().path("id");
        post("township.a", "/maintenance", Map.of("siteId", site, "facility", "x", "category", "SPACESHIP", "description", "y",
                "reportedOn", today)).statusCode(400);
        post("township.a", "/maintenance/" + job + "/done", Map.of("version", 0, "doneOn", LocalDate.now().minusDays(3).toString(),
                "result", "x")).statusCode(400).body("violations.field", hasItem("doneOn"));
        post("township.a", "/maintenance/" + job + "/done", Map.of("version", 0, "doneOn", today, "result", "更换控制板，恢复运行",
                "cost", 2800)).statusCode(200).body("status", equalTo("DONE")).body("closedBy", equalTo("township.a"));
        post("township.a", "/maintenance/" + job + "/done", Map.of("version", 1, "doneOn", today, "result", "again"))
                .statusCode(422).body("type", equalTo("https://resettle.cn/problems/maintenance-done"));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/property/maintenance?from=yesterday")
                .then().statusCode(400).body("violations.field", hasItem("from"));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/property/maintenance?status=DONE&siteCode=" + code)
                .then().statusCode(200).body("items.id", equalTo(List.of(job)));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/property/maintenance?siteCode=" + code)
                .then().statusCode(200).body("total", equalTo(0));
        byte[] xlsx = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/property/maintenance/ledger.xlsx?siteCode=" + code).then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals("设施", rows.get(0).getCellText(2));
            assertEquals("电梯", rows.get(1).getCellText(3));
            assertEquals("已完成", rows.get(1).getCellText(7));
            assertEquals(0, new java.math.BigDecimal(rows.get(1).getCellText(10)).compareTo(new java.math.BigDecimal("2800")));
        }
    }
}
