package cn.resettle.industry.consumption;

import cn.resettle.common.testing.Tokens;
import cn.resettle.industry.IndustryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ConsumptionTest {

    static final String OFFICER = "ind.officer";

    static Map<String, Object> channel(String site, String name) {
        return new HashMap<>(Map.of("siteCode", site, "kind", "INSTITUTION", "name", name, "buyer", "兴国县机关事务服务中心",
                "products", "脐橙、茶油、竹编", "agreementNo", "XF-2026-003", "agreedAmount", 200000,
                "agreementFrom", LocalDate.now().withDayOfYear(1).toString()));
    }

    @Test
    void salesThroughAChannelAddUpForTheYearAndExport() throws Exception {
        String site = IndustryFixtures.site("潋江镇消费帮扶安置点");
        String c = given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(channel(site, "县机关食堂采购")).post("/api/industry/consumption-channels").then().statusCode(201)
                .body("kindLabel", equalTo("机关单位/食堂采购")).extract().path("id");
        String today = LocalDate.now().toString();
        for (double amount : new double[]{12500.5, 7499.5}) {
            given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                    .body(Map.of("soldOn", today, "product", "赣南脐橙", "amount", amount, "householdsBenefited", 6))
                    .post("/api/industry/consumption-channels/" + c + "/sales").then().statusCode(201);
        }
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/consumption-channels/" + c).then()
                .statusCode(200).body("salesThisYear", equalTo(20000.0f)).body("householdsBenefitedThisYear", equalTo(12));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/consumption-channels/" + c + "/sales?size=1").then()
                .statusCode(200).body("total", equalTo(2)).body("items.size()", equalTo(1));
        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/industry/consumption-channels/sales.xlsx?siteCode=" + site).then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size(), "header + two sales");
            assertEquals("县机关食堂采购", rows.get(1).getCellText(2));
            assertEquals("赣南脐橙", rows.get(1).getCellText(7));
        }
        // a sale before the agreement, scope, roles, bad input
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("soldOn", "2020-01-01", "product", "茶油", "amount", 10, "householdsBenefited", 1))
                .post("/api/industry/consumption-channels/" + c + "/sales").then().statusCode(400).body("violations.field", hasItem("soldOn"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("soldOn", "2099-01-01", "product", "", "amount", 0, "householdsBenefited", -1))
                .post("/api/industry/consumption-channels/" + c + "/sales").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("soldOn")).body("violations.field", hasItem("product"))
                .body("violations.field", hasItem("amount")).body("violations.field", hasItem("householdsBenefited"));
        Map<String, Object> bad = channel(site, "倒签渠道");
        bad.put("agreementTo", "2001-01-01");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(bad)
                .post("/api/industry/consumption-channels").then().statusCode(400).body("violations.field", hasItem("agreementTo"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(channel(site, "县机关食堂采购"))
                .post("/api/industry/consumption-channels").then().statusCode(409);
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/consumption-channels/" + c).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON).body(channel(site, "越界渠道"))
                .post("/api/industry/consumption-channels").then().statusCode(400).body("violations.field", hasItem("siteCode"));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON).body(channel(site, "社工渠道"))
                .post("/api/industry/consumption-channels").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/industry/consumption-channels").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/consumption-channels/sales.xlsx?from=2026-05-01&to=2026-01-01")
                .then().statusCode(400).body("violations.field", hasItem("to"));
    }
}
