package cn.resettle.industry.origin;

import cn.resettle.common.testing.Tokens;
import cn.resettle.industry.IndustryFixtures;
import cn.resettle.industry.IndustryFixtures.Household;
import cn.resettle.industry.IndustryFixtures.M;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OriginTest {

    static final String OFFICER = "ind.officer";

    static io.restassured.specification.RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON);
    }

    @Test
    void anOldHouseIsDemolishedThenReclaimedAndTheLedgerShowsEachStep() throws Exception {
        String site = IndustryFixtures.site("潋江镇拆旧复垦安置点");
        Household h = IndustryFixtures.household(site, new M("刘根发", "FARMING"));
        Household kept = IndustryFixtures.household(site, new M("陈冬生", "FARMING"));
        String house = as("township.a").body(Map.of("householdId", h.id(), "location", "兴国县枫边乡山峰村下坪组12号",
                        "floorAreaM2", 96.5)).post("/api/industry/old-houses").then().statusCode(201)
                .body("status", equalTo("TO_DEMOLISH")).body("statusLabel", equalTo("应拆未拆")).extract().path("id");
        String other = as(OFFICER).body(Map.of("householdId", kept.id(), "location", "兴国县枫边乡山峰村下坪组13号",
                "floorAreaM2", 80)).post("/api/industry/old-houses").then().statusCode(201).extract().path("id");

        // reclaiming before demolition is refused; demolished, then reclaimed not earlier than the demolition
        as(OFFICER).body(Map.of("version", 0, "reclaimedOn", "2025-04-01", "method", "FARMLAND", "areaMu", 0.3))
                .post("/api/industry/old-houses/" + house + "/reclaimed").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("house-status"));
        as(OFFICER).body(Map.of("version", 0, "demolishedOn", "2025-03-10"))
                .post("/api/industry/old-houses/" + house + "/demolished").then().statusCode(200)
                .body("status", equalTo("DEMOLISHED")).body("version", equalTo(1));
        as(OFFICER).body(Map.of("version", 0, "demolishedOn", "2025-03-10"))
                .post("/api/industry/old-houses/" + house + "/demolished").then().statusCode(409);
        as(OFFICER).body(Map.of("version", 1, "reclaimedOn", "2025-03-01", "method", "FARMLAND", "areaMu", 0.3))
                .post("/api/industry/old-houses/" + house + "/reclaimed").then().statusCode(400)
                .body("violations.field", hasItem("reclaimedOn"));
        as(OFFICER).body(Map.of("version", 1, "reclaimedOn", "2025-04-20", "method", "FARMLAND", "areaMu", 0.3))
                .post("/api/industry/old-houses/" + house + "/reclaimed").then().statusCode(200)
                .body("status", equalTo("RECLAIMED")).body("reclaimMethod", equalTo("FARMLAND"));
        // the attached house is kept by the village collective and sealed
        as(OFFICER).body(Map.of("version", 0, "reason", "ATTACHED", "sealedOn", "2025-05-06"))
                .post("/api/industry/old-houses/" + other + "/retained").then().statusCode(200)
                .body("status", equalTo("RETAINED")).body("retainReason", equalTo("ATTACHED"));

        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/industry/old-houses?siteCode=" + site)
                .then().statusCode(200).body("total", equalTo(0));   // worker.a1 serves another site
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/old-houses?pending=true&siteCode=" + site)
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/old-houses?siteCode=" + site)
                .then().statusCode(200).body("total", equalTo(2));

        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/industry/old-houses/ledger.xlsx?siteCode=" + site).then().statusCode(200)
                .contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size());
            Row reclaimed = rows.get(1).getCellText(0).equals(h.householdNo()) ? rows.get(1) : rows.get(2);
            assertEquals("已复垦复绿", reclaimed.getCellText(5));
            assertEquals("2025-03-10", reclaimed.getCellText(6));
            assertEquals("复垦", reclaimed.getCellText(8));
        }
        // another township sees neither the house nor its ledger rows
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/old-houses/" + house).then().statusCode(404);
        as("township.b").body(Map.of("householdId", h.id(), "location", "x", "floorAreaM2", 10))
                .post("/api/industry/old-houses").then().statusCode(404);
    }

    static Map<String, Object> seasonal(Household h, UUID person, LocalDate from, LocalDate to) {
        return new HashMap<>(Map.of("householdId", h.id(), "personId", person, "originLocation", "兴国县枫边乡山峰村上坪组",
                "activity", "PLANTING", "crop", "水稻", "fromOn", from.toString(), "toOn", to.toString(),
                "commitmentSignedOn", (from.minusDays(3).isAfter(LocalDate.now()) ? LocalDate.now() : from.minusDays(3)).toString(), "safeHousing", "住亲属钟某家砖混房(已鉴定安全)"));
    }

    @Test
    void aSeasonalReturnIsRegisteredWithItsCommitmentListedWhileAwayAndClosedWhenBack() throws Exception {
        String site = IndustryFixtures.site("潋江镇季节返乡安置点");
        Household h = IndustryFixtures.household(site, new M("钟石生", "FARMING"), new M("钟秀英", "FARMING"));
        LocalDate today = LocalDate.now();
        String id = as("township.a").body(seasonal(h, h.people().get(0), today.minusDays(10), today.plusDays(60)))
                .post("/api/industry/seasonal-returns").then().statusCode(201)
                .body("personName", equalTo("钟石生")).body("status", equalTo("REGISTERED")).extract().path("id");
        // the same person cannot be registered away twice for overlapping days
        as(OFFICER).body(seasonal(h, h.people().get(0), today.plusDays(30), today.plusDays(90)))
                .post("/api/industry/seasonal-returns").then().statusCode(409).body("type", containsString("overlapping-return"));
        given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/seasonal-returns?awayOn=" + today + "&siteCode=" + site).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        as(OFFICER).body(Map.of("version", 0, "backOn", today.toString()))
                .post("/api/industry/seasonal-returns/" + id + "/back").then().statusCode(200).body("status", equalTo("BACK"));
        as(OFFICER).body(Map.of("version", 1, "backOn", today.toString()))
                .post("/api/industry/seasonal-returns/" + id + "/back").then().statusCode(409);
        given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/seasonal-returns?awayOn=" + today + "&siteCode=" + site).then().body("total", equalTo(0));

        byte[] xlsx = given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/seasonal-returns/ledger.xlsx?siteCode=" + site).then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals("钟石生", rows.get(1).getCellText(3));
            assertEquals("已回安置点", rows.get(1).getCellText(11));
        }
    }

    @Test
    void badInputAndOtherPeoplesHouseholdsAreProblems() {
        String site = IndustryFixtures.site("潋江镇返乡校验安置点");
        Household h = IndustryFixtures.household(site, new M("黄水英", "FARMING"));
        Household stranger = IndustryFixtures.household(site, new M("黄金根", "FARMING"));
        LocalDate today = LocalDate.now();
        // a person of another household
        as(OFFICER).body(seasonal(h, stranger.people().get(0), today, today.plusDays(30)))
                .post("/api/industry/seasonal-returns").then().statusCode(400).body("violations.field", hasItem("personId"));
        // commitment signed after leaving, a season over a year, end before start
        Map<String, Object> late = seasonal(h, h.people().get(0), today.minusDays(5), today.plusDays(30));
        late.put("commitmentSignedOn", today.toString());
        as(OFFICER).body(late).post("/api/industry/seasonal-returns").then().statusCode(400)
                .body("violations.field", hasItem("commitmentSignedOn"));
        as(OFFICER).body(seasonal(h, h.people().get(0), today, today.plusDays(400)))
                .post("/api/industry/seasonal-returns").then().statusCode(400).body("violations.field", hasItem("toOn"));
        as(OFFICER).body(seasonal(h, h.people().get(0), today, today.minusDays(1)))
                .post("/api/industry/seasonal-returns").then().statusCode(400).body("violations.field", hasItem("toOn"));
        as(OFFICER).body(Map.of("householdId", h.id(), "personId", h.people().get(0), "originLocation", "",
                        "activity", "FISHING", "crop", "x", "fromOn", "2026-01-01", "toOn", "2026-02-01",
                        "commitmentSignedOn", "2025-12-30", "safeHousing", "x"))
                .post("/api/industry/seasonal-returns").then().statusCode(400).contentType("application/problem+json");
        as(OFFICER).body(Map.of("householdId", h.id(), "location", "", "floorAreaM2", 0))
                .post("/api/industry/old-houses").then().statusCode(400)
                .body("violations.field", hasItem("location")).body("violations.field", hasItem("floorAreaM2"));
        as(OFFICER).body(Map.of("householdId", UUID.randomUUID(), "location", "x", "floorAreaM2", 10))
                .post("/api/industry/old-houses").then().statusCode(404).contentType("application/problem+json");
        // site workers register returns, not houses; other departments neither
        as("worker.a1").body(Map.of("householdId", h.id(), "location", "x", "floorAreaM2", 10))
                .post("/api/industry/old-houses").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/industry/seasonal-returns").then().statusCode(403);
        given().get("/api/industry/old-houses").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/dictionary").then()
                .body("oldHouseStatus.label", hasItem("已复垦复绿")).body("seasonalActivity.label", hasItem("养殖"));
    }
}
