package cn.resettle.industry.premises;

import cn.resettle.common.testing.Tokens;
import cn.resettle.industry.IndustryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PremisesTest {

    static final String OFFICER = "ind.officer";

    static Map<String, Object> premises(String site, String address) {
        return Map.of("siteCode", site, "kind", "GARAGE", "address", address, "areaM2", 120.5, "owner", "潋江镇安置点物业公司",
                "monthlyRent", 0, "idleSince", "2025-06-01", "note", "一层车库，已通水电");
    }

    @Test
    void idlePremisesAreAllocatedToAWorkshopAndReleased() throws Exception {
        String site = IndustryFixtures.site("潋江镇车库安置点");
        String p = given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(premises(site, "3 栋一层 101-104 车库")).post("/api/industry/premises").then().statusCode(201)
                .body("status", equalTo("IDLE")).body("kindLabel", equalTo("底层车库")).extract().path("id");
        String ws = given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("name", "车库电子组装车间", "siteCode", site, "operator", "兴国县恒达电子有限公司", "products", "电子元件组装",
                        "jobs", 30, "openedOn", "2025-07-01"))
                .post("/api/industry/workshops").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/industry/premises?status=IDLE&siteCode=" + site).then()
                .statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/premises?status=IDLE&siteCode=" + site).then()
                .body("total", equalTo(1));

        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "workshopId", ws, "since", "2025-07-01")).post("/api/industry/premises/" + p + "/allocate")
                .then().statusCode(200).body("status", equalTo("IN_USE")).body("workshopName", equalTo("车库电子组装车间"));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "workshopId", ws, "since", "2025-07-01")).post("/api/industry/premises/" + p + "/allocate")
                .then().statusCode(409).contentType("application/problem+json").body("type", containsString("in-use"));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/premises?status=IDLE&siteCode=" + site).then()
                .body("total", equalTo(0));
        byte[] xlsx = given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/premises/ledger.xlsx?siteCode=" + site)
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals("已使用", rows.get(1).getCellText(7));
            assertEquals("车库电子组装车间", rows.get(1).getCellText(8));
        }
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "on", "2026-01-31")).post("/api/industry/premises/" + p + "/release")
                .then().statusCode(409).body("type", containsString("stale"));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "on", "2025-06-30")).post("/api/industry/premises/" + p + "/release")
                .then().statusCode(400).body("violations.field", hasItem("on"));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "on", "2026-01-31")).post("/api/industry/premises/" + p + "/release")
                .then().statusCode(200).body("status", equalTo("IDLE")).body("idleSince", equalTo("2026-01-31"));
    }

    @Test
    void scopeRolesAndBadInputAreProblems() {
        String site = IndustryFixtures.site("潋江镇门面安置点");
        String p = given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(premises(site, "商业街 8 号门面")).post("/api/industry/premises").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(premises(site, "商业街 8 号门面")).post("/api/industry/premises").then().statusCode(409)
                .body("violations.field", hasItem("address"));
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON)
                .body(premises(site, "越界门面")).post("/api/industry/premises").then().statusCode(400).body("violations.field", hasItem("siteCode"));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/premises/" + p).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(premises(site, "社工门面")).post("/api/industry/premises").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/industry/premises").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("siteCode", site, "kind", "CAVE", "address", "x", "areaM2", 1, "owner", "x", "idleSince", "2025-01-01"))
                .post("/api/industry/premises").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("siteCode", site, "kind", "SHOP", "address", "", "areaM2", 0, "owner", "x", "idleSince", "2099-01-01"))
                .post("/api/industry/premises").then().statusCode(400).body("violations.field", hasItem("address"))
                .body("violations.field", hasItem("areaM2")).body("violations.field", hasItem("idleSince"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "workshopId", UUID.randomUUID(), "since", "2025-07-01"))
                .post("/api/industry/premises/" + p + "/allocate").then().statusCode(400).body("violations.field", hasItem("workshopId"));
    }
}
