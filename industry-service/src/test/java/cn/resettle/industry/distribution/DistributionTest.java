package cn.resettle.industry.distribution;

import cn.resettle.common.events.IndustryEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import cn.resettle.industry.IndustryFixtures;
import cn.resettle.industry.IndustryFixtures.Household;
import cn.resettle.industry.IndustryFixtures.M;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DistributionTest {

    static String t(String user) {
        return Tokens.bearer(user);
    }

    static String asset(String site, String kind) {
        Map<String, Object> m = new HashMap<>();
        m.put("assetNo", TestIds.code("ZC"));
        m.put("name", "OPERATING".equals(kind) ? "安置点扶贫车间厂房（出租）" : "安置点文化广场");
        m.put("kind", kind);
        m.put("category", "OPERATING".equals(kind) ? "FACTORY_BUILDING" : "OTHER");
        m.put("siteCode", site);
        m.put("owner", "潋江镇股份经济合作联合社");
        m.put("ownershipCertified", true);
        m.put("value", 800000);
        m.put("fundingSource", "CENTRAL_FUND");
        m.put("completedOn", "2022-06-30");
        m.put("usefulLifeYears", 20);
        m.put("custodian", "潋江镇人民政府");
        m.put("maintenanceFund", 20000);
        m.put("maintenanceEveryMonths", 12);
        return given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(m).post("/api/industry/assets")
                .then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse income(String asset, int year, String amount, String receivedOn) {
        return given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("year", year, "amount", new BigDecimal(amount), "receivedOn", receivedOn, "payer", "兴国县鑫源服饰有限公司（厂房租金）"))
                .post("/api/industry/assets/" + asset + "/income").then();
    }

    static List<Map<String, Object>> uses(Object... useAmount) {
        List<Map<String, Object>> l = new java.util.ArrayList<>();
        for (int i = 0; i < useAmount.length; i += 2) {
            l.add(Map.of("use", useAmount[i], "amount", new BigDecimal(useAmount[i + 1].toString())));
        }
        return l;
    }

    @Test
    void aSitesIncomeIsPlannedApprovedByAnotherPersonDistributedByShareAndSentToMonitoring() throws Exception {
        String site = IndustryFixtures.site("潋江镇收益分配安置点");
        Household a = IndustryFixtures.household(site, new M("钟国平", "UNEMPLOYED"), new M("刘秀英", "FARMING"), new M("钟小明", "STUDENT"));
        Household b = IndustryFixtures.household(site, new M("陈桂香", "UNEMPLOYED"));
        Household c = IndustryFixtures.household(site, new M("谢金生", "EMPLOYED_LOCAL"), new M("黄春花", "UNEMPLOYED"));
        String operating = asset(site, "OPERATING");
        String square = asset(site, "PUBLIC_WELFARE");
        income(square, 2025, "500.00", "2025-08-01").statusCode(422).body("type", containsString("not-operating"));
        income(operating, 2025, "10000.00", "2025-12-20").statusCode(201);
        income(operating, 2025, "2000.00", "2026-01-10").statusCode(201);
        income(operating, 2025, "100.00", "2024-12-31").statusCode(400).body("violations.field", hasItem("receivedOn"));

        String id = given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("siteCode", site, "year", 2025, "uses", uses("DIVIDEND", "1000.00", "PUBLIC_WELFARE_POSTS", "6000",
                        "COMMUNITY_RUNNING", "3000", "MAINTENANCE_FUND", "1500")))
                .post("/api/industry/distributions").then().statusCode(201).body("status", equalTo("DRAFT"))
                .body("income", equalTo(12000.0f)).body("usesTotal", equalTo(11500.0f)).body("usesAddUp", equalTo(false))
                .extract().path("id");
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("siteCode", site, "year", 2025, "uses", uses("DIVIDEND", "1")))
                .post("/api/industry/distributions").then().statusCode(409).body("violations.field", hasItem("year"));
        // the maker cannot approve; the uses must add up
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/industry/distributions/" + id + "/approve").then().statusCode(422).body("type", containsString("same-person"));
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/industry/distributions/" + id + "/approve").then().statusCode(422)
                .body("type", containsString("uses-do-not-add-up")).body("violations.field", hasItem("uses"));
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "uses", uses("DIVIDEND", "1000", "DIVIDEND", "11000")))
                .post("/api/industry/distributions/" + id + "/uses").then().statusCode(400).body("violations.field", hasItem("uses[1].use"));
        // whoever writes the uses becomes one of the plan's makers: the officer who rewrote them cannot approve them
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "uses", uses("DIVIDEND", "1000.00", "PUBLIC_WELFARE_POSTS", "6000",
                        "COMMUNITY_RUNNING", "3000", "MAINTENANCE_FUND", "1500", "TEMPORARY_RELIEF", "500")))
                .post("/api/industry/distributions/" + id + "/uses").then().statusCode(200).body("usesAddUp", equalTo(true))
                .body("version", equalTo(1));
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(Map.of("version", 1))
                .post("/api/industry/distributions/" + id + "/approve").then().statusCode(422).body("type", containsString("same-person"));
        given().header("Authorization", t("county.admin")).contentType(ContentType.JSON).body(Map.of("version", 1))
                .post("/api/industry/distributions/" + id + "/approve").then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("beneficiaries", equalTo(3)).body("totalShares", equalTo(6)).body("approvedBy", equalTo("county.admin"));

        // frozen: a household registered afterwards is not a beneficiary; income of the year can no longer change
        IndustryFixtures.household(site, new M("钟新来", "UNEMPLOYED"));
        income(operating, 2025, "300.00", "2026-02-01").statusCode(409).body("type", containsString("distribution-approved"));
        JsonPath shares = given().header("Authorization", t("township.a")).get("/api/industry/distributions/" + id + "/shares")
                .then().statusCode(200).body("total", equalTo(3)).extract().jsonPath();
        Map<String, BigDecimal> byHousehold = new HashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            BigDecimal amount = new BigDecimal(shares.getString("items[" + i + "].amount"));
            byHousehold.put(shares.getString("items[" + i + "].householdId"), amount);
            sum = sum.add(amount);
        }
        assertEquals(0, new BigDecimal("1000.00").compareTo(sum), "the dividend is paid out to the cent: " + byHousehold);
        // 1 000 over 6 shares: 3 → 500.00, 1 → 166.66, 2 → 333.33, the cent left over to the first household by number
        assertTrue(List.of(new BigDecimal("500.00"), new BigDecimal("500.01")).contains(byHousehold.get(a.id().toString())), byHousehold.toString());
        assertTrue(List.of(new BigDecimal("166.66"), new BigDecimal("166.67")).contains(byHousehold.get(b.id().toString())), byHousehold.toString());
        assertTrue(List.of(new BigDecimal("333.33"), new BigDecimal("333.34")).contains(byHousehold.get(c.id().toString())), byHousehold.toString());

        given().header("Authorization", t("worker.a1")).get("/api/industry/distributions/" + id).then().statusCode(404);
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 2, "paidOn", LocalDate.now().minusYears(1).toString()))
                .post("/api/industry/distributions/" + id + "/distribute").then().statusCode(400).body("violations.field", hasItem("paidOn"));
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 2, "paidOn", LocalDate.now().toString()))
                .post("/api/industry/distributions/" + id + "/distribute").then().statusCode(200).body("status", equalTo("DISTRIBUTED"));
        JsonNode paid = TestEvents.awaitEvent(Topics.INDUSTRY, e -> e.path("type").asText().equals(IndustryEvents.INCOME_PAID)
                && e.path("subject").asText().equals(b.id().toString()));
        assertEquals("DIVIDEND", paid.at("/data/kind").asText());
        assertEquals(0, byHousehold.get(b.id().toString()).compareTo(paid.at("/data/amount").decimalValue()));
        assertEquals(id, paid.at("/data/reference").asText());
        assertEquals(2025, paid.at("/data/year").asInt());

        given().header("Authorization", t("township.a")).contentType(ContentType.JSON).body(Map.of("version", 3))
                .post("/api/industry/distributions/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON).body(Map.of("version", 4))
                .post("/api/industry/distributions/" + id + "/close").then().statusCode(409).body("type", containsString("wrong-status"));

        byte[] xlsx = given().header("Authorization", t("county.admin")).get("/api/industry/distributions/" + id + "/plan.xlsx")
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(1 + 1 + 5 + 3, rows.size(), "header, income, five uses, three households");
            assertEquals("折股量化分红", rows.get(2).getCellText(1));
            assertEquals("分红", rows.get(9).getCellText(0));
            assertTrue(rows.get(9).getCellText(4).startsWith("已发放"));
        }
    }
}
