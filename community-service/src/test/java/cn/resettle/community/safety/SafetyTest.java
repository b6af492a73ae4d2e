package cn.resettle.community.safety;

import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Monthly safety inspections and each hazard tracked until it is removed with evidence. */
@QuarkusTest
class SafetyTest {

    static String site(String code, String township) {
        var found = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/sites?size=200")
                .then().extract().jsonPath().getList("items.findAll { it.code == '" + code + "' }.id", String.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "安置点" + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    static String household(String siteId) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("SF"), "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1966, 8, 3, false),
                                "name", "钟桂英", "relationship", "HEAD", "labourCapacity", "WEAK", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    @Test
    void anInspectionFindsAHazardItIsTrackedAndClosedWithEvidence() {
        // a site of its own, so this month's inspection is not already recorded by another test
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String h = household(site);
        LocalDate today = LocalDate.now();
        JsonPath inspection = given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "category", "HOUSING", "inspectedOn", today.toString(), "inspector", "张伟",
                        "findings", "3栋外墙开裂，其余正常",
                        "hazards", List.of(Map.of("severity", "HIGH", "description", "3栋外墙开裂",
                                "householdIds", List.of(h), "owner", "李明（住建所）", "dueOn", today.plusDays(3).toString()))))
                .post("/api/community/inspections").then().statusCode(201).extract().jsonPath();
        assertEquals(YearMonth.from(today).toString(), inspection.getString("inspection.month"));
        assertEquals(1, inspection.getInt("inspection.hazardsFound"));
        String hazard = inspection.getString("hazards[0].id");
        assertEquals("OPEN", inspection.getString("hazards[0].status"));
        assertEquals("HOUSING", inspection.getString("hazards[0].category"));
        assertEquals("李明（住建所）", inspection.getString("hazards[0].owner"));
        // a serious hazard still warns monitoring, which flags the households
        TestEvents.awaitEvent(Topics.COMMUNITY, e -> e.path("type").asText().equals("cn.resettle.community.hazard.recorded.v1")
                && e.path("data").path("hazardId").asText().equals(hazard)
                && e.path("data").path("householdIds").get(0).asText().equals(h));
        // one inspection per site, month and category
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "category", "HOUSING", "inspectedOn", today.toString(), "inspector", "张伟",
                        "findings", "复查")).post("/api/community/inspections").then().statusCode(409)
                .body("type", equalTo("https://resettle.cn/problems/already-inspected"));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "category", "FLOOD", "inspectedOn", today.toString(), "inspector", "张伟",
                        "findings", "x")).post("/api/community/inspections").then().statusCode(400)
                .body("violations[0].field", equalTo("category"));
        // the other township does not see the site
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/hazards/" + hazard).then().statusCode(404);

        // followed up: a new owner
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "note", "已设置警戒线，联系施工单位", "followedOn", today.toString(), "owner", "王强（施工单位）"))
                .post("/api/community/hazards/" + hazard + "/follow-ups").then().statusCode(200)
                .body("owner", equalTo("王强（施工单位）")).body("version", equalTo(1));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "evidence", "x", "removedOn", today.toString()))
                .post("/api/community/hazards/" + hazard + "/close").then().statusCode(409);
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "removedOn", today.toString()))
                .post("/api/community/hazards/" + hazard + "/close").then().statusCode(400)
                .body("violations[0].field", equalTo("evidence"));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "evidence", "外墙加固完成，住建所验收合格（照片 IMG_0412-0415）", "removedOn", today.toString()))
                .post("/api/community/hazards/" + hazard + "/close").then().statusCode(200)
                .body("status", equalTo("REMOVED")).body("removedOn", equalTo(today.toString()));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 2, "note", "再次跟踪", "followedOn", today.toString()))
                .post("/api/community/hazards/" + hazard + "/follow-ups").then().statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/hazard-removed"));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/hazards/" + hazard).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/hazards/" + hazard).then().statusCode(200)
                .body("hazard.evidence", equalTo("外墙加固完成，住建所验收合格（照片 IMG_0412-0415）"))
                .body("followUps[0].note", equalTo("已设置警戒线，联系施工单位"));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/hazards?status=OPEN&siteCode=" + code)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void overdueHazardsAreListedAndInTheLedger() throws Exception {
        String site = site("XG-LJ-001", "360732100");
        LocalDate recorded = LocalDate.now().minusDays(20);
        String late = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "category", "FIRE", "severity", "MEDIUM", "description", "2栋消防通道堆放杂物",
                        "recordedOn", recorded.toString(), "owner", "物业 陈经理"))
                .post("/api/community/hazards").then().statusCode(201)
                // no deadline given: MEDIUM hazards are due in 15 days (configuration)
                .body("dueOn", equalTo(recorded.plusDays(15).toString())).body("overdue", equalTo(true)).extract().path("id");
        String onTime = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "category", "GEOLOGICAL", "severity", "LOW", "description", "后山边坡有落石",
                        "recordedOn", LocalDate.now().toString()))
                .post("/api/community/hazards").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/hazards?overdue=true&size=200").then()
                .statusCode(200).body("items.id", hasItem(late)).body("items.id", not(hasItem(onTime)));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/hazards?status=OPEN&size=200").then()
                .statusCode(200).body("items.id", hasItem(late)).body("items.id", hasItem(onTime));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/hazards?overdue=true&size=200").then()
                .statusCode(200).body("items.id", not(hasItem(late)));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "category", "FIRE", "severity", "LOW", "description", "x",
                        "recordedOn", LocalDate.now().toString(), "dueOn", LocalDate.now().minusDays(1).toString()))
                .post("/api/community/hazards").then().statusCode(400).body("violations[0].field", equalTo("dueOn"));

        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/hazards/ledger.xlsx?status=OPEN").then().statusCode(200).extract().asByteArray();
        List<String> row = rows(xlsx).stream().filter(r -> r.size() > 4 && r.get(4).equals("2栋消防通道堆放杂物")).findFirst()
                .orElseThrow(() -> new AssertionError("hazard not in the ledger"));
        assertEquals("消防安全隐患", row.get(2));
        assertEquals("物业 陈经理", row.get(8));
        assertEquals("整改中", row.get(10));
        assertEquals("是", row.get(11));
        byte[] other = given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/hazards/ledger.xlsx")
                .then().statusCode(200).extract().asByteArray();
        assertTrue(rows(other).stream().noneMatch(r -> r.size() > 4 && r.get(4).equals("2栋消防通道堆放杂物")));
    }

    @Test
    void sitesMissingTheMonthsInspectionAreListed() {
        String code = TestIds.code("XG-CG");
        String site = site(code, "360732101");
        String month = YearMonth.now().toString();
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/inspections/missing?size=200&month=" + month)
                .then().statusCode(200).body("items.findAll { it.siteCode == '" + code + "' }.category",
                        equalTo(List.of("FIRE", "GEOLOGICAL", "HOUSING")));
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON)
                .body(Map.of("siteId", site, "category", "FIRE", "inspectedOn", LocalDate.now().toString(), "inspector", "刘芳",
                        "findings", "消防设施完好")).post("/api/community/inspections").then().statusCode(201)
                .body("hazards.size()", equalTo(0));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/inspections/missing?size=200&month=" + month)
                .then().statusCode(200).body("items.findAll { it.siteCode == '" + code + "' }.category",
                        equalTo(List.of("GEOLOGICAL", "HOUSING")));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/inspections/missing?size=200&month=" + month)
                .then().statusCode(200).body("items.siteCode", not(hasItem(code)));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/inspections?month=" + month + "&siteCode=" + code)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].findings", equalTo("消防设施完好"));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/inspections/missing?month=2026-13")
                .then().statusCode(400);
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
