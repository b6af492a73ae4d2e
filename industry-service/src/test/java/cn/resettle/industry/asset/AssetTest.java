package cn.resettle.industry.asset;

import cn.resettle.common.testing.TestIds;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AssetTest {

    static String t(String user) {
        return Tokens.bearer(user);
    }

    static Map<String, Object> asset(String site, String no) {
        Map<String, Object> m = new HashMap<>();
        m.put("assetNo", no);
        m.put("name", "潋江安置点 300kW 村级光伏电站");
        m.put("kind", "OPERATING");
        m.put("category", "PV_STATION");
        m.put("siteCode", site);
        m.put("owner", "潋江镇城岗村股份经济合作社");
        m.put("ownershipCertified", true);
        m.put("value", 1200000);
        m.put("fundingSource", "CENTRAL_FUND");
        m.put("completedOn", "2024-01-15");
        m.put("usefulLifeYears", 20);
        m.put("residualRate", 0.05);
        m.put("custodian", "城岗村村民委员会");
        m.put("maintenanceFund", 50000);
        m.put("maintenanceEveryMonths", 6);
        return m;
    }

    static String create(String user, Map<String, Object> body) {
        return given().header("Authorization", t(user)).contentType(ContentType.JSON).body(body).post("/api/industry/assets")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void anAssetDepreciatesByMonthAndItsMaintenanceFallsDue() throws Exception {
        String site = IndustryFixtures.site("潋江镇光伏安置点");
        String no = TestIds.code("ZC");
        String id = create("ind.officer", asset(site, no));
        // 24 whole months from January 2024 to January 2026: 1 200 000 × 95 % / 240 = 4 750.00 a month
        given().header("Authorization", t("township.a")).get("/api/industry/assets/" + id + "?asOf=2026-01-31").then()
                .statusCode(200).body("kindLabel", equalTo("经营性资产"))
                .body("depreciation.monthsInUse", equalTo(24)).body("depreciation.monthly", equalTo(4750.0f))
                .body("depreciation.accumulated", equalTo(114000.0f)).body("depreciation.netValue", equalTo(1086000.0f));
        // past its useful life it stays at the residual value
        given().header("Authorization", t("township.a")).get("/api/industry/assets/" + id + "?asOf=2050-01-01").then()
                .body("depreciation.netValue", equalTo(60000.0f)).body("depreciation.fullyDepreciated", equalTo(true));

        // never maintained: due 2024-07-15, overdue
        given().header("Authorization", t("worker.a1")).get("/api/industry/assets/maintenance-due?overdue=true&siteCode=" + site)
                .then().statusCode(200).body("total", equalTo(0)); // another site's worker sees nothing of this site
        given().header("Authorization", t("township.a")).get("/api/industry/assets/maintenance-due?overdue=true&siteCode=" + site)
                .then().body("total", equalTo(1)).body("items[0].dueOn", equalTo("2024-07-15")).body("items[0].overdue", equalTo(true));
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("maintainedOn", LocalDate.now().toString(), "cost", 60000, "note", "更换逆变器"))
                .post("/api/industry/assets/" + id + "/maintenance").then().statusCode(422)
                .body("type", containsString("maintenance-fund-short"));
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("maintainedOn", LocalDate.now().toString(), "cost", 3000, "note", "组件清洗、线路检查"))
                .post("/api/industry/assets/" + id + "/maintenance").then().statusCode(201).body("fundLeft", equalTo(47000.0f));
        given().header("Authorization", t("township.a")).get("/api/industry/assets/maintenance-due?overdue=true&siteCode=" + site)
                .then().body("total", equalTo(0));
        given().header("Authorization", t("township.a")).get("/api/industry/assets/maintenance-due?withinDays=200&siteCode=" + site)
                .then().body("total", equalTo(1)).body("items[0].dueOn", equalTo(LocalDate.now().plusMonths(6).toString()))
                .body("items[0].overdue", equalTo(false));

        byte[] xlsx = given().header("Authorization", t("county.admin"))
                .get("/api/industry/assets/ledger.xlsx?asOf=2026-01-31&siteCode=" + site).then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals(no, rows.get(1).getCellText(0));
            assertEquals("经营性资产", rows.get(1).getCellText(2));
            assertEquals("114000", rows.get(1).getCellText(12).replace(".0", ""));
            assertEquals("在用", rows.get(1).getCellText(18));
        }
    }

    @Test
    void changesAndDisposalNeedAnotherPersonsApproval() {
        String site = IndustryFixtures.site("潋江镇资产安置点");
        String id = create("township.a", asset(site, TestIds.code("ZC")));
        String change = given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("kind", "REVALUE", "newValue", 1150000, "reason", "竣工决算审计调减"))
                .post("/api/industry/assets/" + id + "/changes").then().statusCode(201).body("status", equalTo("PENDING"))
                .extract().path("id");
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON)
                .body(Map.of("kind", "CUSTODIAN", "newCustodian", "兴国县城投公司", "reason", "移交"))
                .post("/api/industry/assets/" + id + "/changes").then().statusCode(409).body("type", containsString("change-pending"));
        // a township official proposes, the county approves; the proposer may not approve
        given().header("Authorization", t("township.a")).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/industry/assets/changes/" + change + "/approve").then().statusCode(403);
        given().header("Authorization", t("township.b")).get("/api/industry/assets/" + id).then().statusCode(404);
        given().header("Authorization", t("ind.officer")).get("/api/industry/assets/changes/pending").then()
                .body("items.id", hasItem(change));
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(Map.of("version", 7))
                .post("/api/industry/assets/changes/" + change + "/approve").then().statusCode(409).body("type", containsString("stale-version"));
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(Map.of("version", 0, "note", "同意"))
                .post("/api/industry/assets/changes/" + change + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo("ind.officer"));
        given().header("Authorization", t("ind.officer")).get("/api/industry/assets/" + id).then().body("value", equalTo(1150000.0f));

        String own = given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON)
                .body(Map.of("kind", "DISPOSAL", "reason", "台风损毁，无修复价值"))
                .post("/api/industry/assets/" + id + "/changes").then().statusCode(201).extract().path("id");
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/industry/assets/changes/" + own + "/approve").then().statusCode(422).body("type", containsString("same-person"));
        given().header("Authorization", t("county.admin")).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/industry/assets/changes/" + own + "/reject").then().statusCode(400).body("violations.field", hasItem("note"));
        given().header("Authorization", t("county.admin")).contentType(ContentType.JSON).body(Map.of("version", 0, "note", "核实后同意处置"))
                .post("/api/industry/assets/changes/" + own + "/approve").then().statusCode(200);
        given().header("Authorization", t("ind.officer")).get("/api/industry/assets/" + id).then().body("status", equalTo("DISPOSED"))
                .body("maintenanceOverdue", equalTo(false));
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON)
                .body(Map.of("kind", "STATUS", "newStatus", "IDLE", "reason", "x"))
                .post("/api/industry/assets/" + id + "/changes").then().statusCode(409).body("type", containsString("asset-disposed"));
        given().header("Authorization", t("ind.officer")).get("/api/industry/assets/" + id + "/changes").then()
                .body("total", equalTo(2)).body("items.status", not(hasItem("PENDING")));
    }

    @Test
    void badAssetsAreRefusedNamingTheField() {
        String site = IndustryFixtures.site("潋江镇校验安置点");
        String no = TestIds.code("ZC");
        create("ind.officer", asset(site, no));
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(asset(site, no))
                .post("/api/industry/assets").then().statusCode(409).body("violations.field", hasItem("assetNo"));
        Map<String, Object> bad = asset(site, TestIds.code("ZC"));
        bad.put("value", -5);
        bad.put("residualRate", 1.5);
        bad.put("completedOn", "2099-01-01");
        bad.put("kind", null);
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(bad)
                .post("/api/industry/assets").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("value")).body("violations.field", hasItem("residualRate"))
                .body("violations.field", hasItem("completedOn")).body("violations.field", hasItem("kind"));
        Map<String, Object> wrongEnum = asset(site, TestIds.code("ZC"));
        wrongEnum.put("fundingSource", "LOTTERY");
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON).body(wrongEnum)
                .post("/api/industry/assets").then().statusCode(400);
        String id = create("ind.officer", asset(site, TestIds.code("ZC")));
        given().header("Authorization", t("ind.officer")).contentType(ContentType.JSON)
                .body(Map.of("kind", "REVALUE", "reason", "评估"))
                .post("/api/industry/assets/" + id + "/changes").then().statusCode(400).body("violations.field", hasItem("newValue"));
        given().header("Authorization", t("worker.a1")).contentType(ContentType.JSON).body(asset(site, TestIds.code("ZC")))
                .post("/api/industry/assets").then().statusCode(403);
        given().header("Authorization", t("ind.officer")).get("/api/industry/assets/maintenance-due?withinDays=-1").then()
                .statusCode(400).body("violations.field", hasItem("withinDays"));
    }
}
