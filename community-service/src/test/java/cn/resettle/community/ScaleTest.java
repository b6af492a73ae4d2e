package cn.resettle.community;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Province scale (issue 8) on a small site: cursor paging reaches every household once, the site's counts are
 * maintained, and the ledger never truncates: with sheets of 4 rows (header + 3) the rows go on over the next sheets,
 * the CSV holds them all, and the ledger job reports its progress and hands the same rows to its owner only.
 */
@QuarkusTest
@TestProfile(ScaleTest.SmallSheets.class)
class ScaleTest {

    public static class SmallSheets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("resettle.export.sheet-rows", "4");
        }
    }

    static String siteId;
    static String siteCode;
    static List<String> householdNos = new ArrayList<>();
    static List<String> householdIds = new ArrayList<>();
    static int people;

    @BeforeEach
    void sevenHouseholdsOfTenPeopleAtASiteOfTheirOwn() {
        if (siteId != null) {
            return;
        }
        String code = siteCode = TestIds.code("XG-SC");
        siteId = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "规模测试安置点", "countyCode", "360732", "townshipCode", "360732101",
                        "areaType", "URBAN"))
                .post("/api/community/sites").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 7; i++) {
            List<Map<String, Object>> members = new ArrayList<>();
            int size = i < 3 ? 2 : 1;
            for (int m = 0; m < size; m++) {
                members.add(Map.of("idNumber", TestIds.citizenId(1960 + i, 1 + m, 10 + i, m == 0), "name", m == 0 ? "钟建国" : "谢秀英",
                        "relationship", m == 0 ? "HEAD" : "SPOUSE", "labourCapacity", "FULL", "employmentStatus", "FARMING"));
            }
            String no = TestIds.code("SC");
            householdIds.add(given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                    .body(Map.of("householdNo", no, "siteId", siteId, "relocationType", "POVERTY", "placementType", "CENTRALIZED",
                            "members", members))
                    .post("/api/community/households").then().statusCode(201).extract().path("id"));
            householdNos.add(no);
            people += size;
        }
    }

    @Test
    void aCursorPagesThroughEveryHouseholdOnce() {
        String admin = Tokens.bearer("county.admin");
        JsonPath first = given().header("Authorization", admin).get("/api/community/households?siteId=" + siteId + "&size=3")
                .then().statusCode(200).body("total", equalTo(7)).body("totalEstimated", equalTo(false))
                .body("nextCursor", notNullValue()).extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("items.id", String.class));
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath next = given().header("Authorization", admin)
                    .get("/api/community/households?siteId=" + siteId + "&size=3&cursor=" + cursor)
                    .then().statusCode(200).body("total", equalTo(7)).extract().jsonPath();
            seen.addAll(next.getList("items.id", String.class));
            cursor = next.getString("nextCursor");
        }
        assertEquals(7, seen.size(), "each household once: " + seen);
        assertEquals(new HashSet<>(householdIds), new HashSet<>(seen));
        // the cursor reads the same order as the pages: page 1 by offset is the page after the first cursor
        List<String> page1 = given().header("Authorization", admin).get("/api/community/households?siteId=" + siteId + "&size=3&page=1")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertEquals(seen.subList(3, 6), page1);
    }

    @Test
    void aCursorThatNoPageGaveIsA400NamingIt() {
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/households?cursor=bm90LWEtY3Vyc29y")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("cursor"));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/households?cursor=not*base64")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theSiteShowsItsMaintainedCountsAndLosesAHouseholdThatMovesOut() {
        String admin = Tokens.bearer("county.admin");
        given().header("Authorization", admin).get("/api/community/sites/" + siteId).then().statusCode(200)
                .body("households", equalTo(7)).body("people", equalTo(people));
        // a household of two moves out: the site counts six households and two people fewer
        String moving = householdIds.get(0);
        int version = given().header("Authorization", admin).get("/api/community/households/" + moving).then().statusCode(200)
                .extract().path("version");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", version, "movedOutOn", "2026-01-05", "reason", "投亲靠友"))
                .post("/api/community/households/" + moving + "/move-out").then().statusCode(200);
        given().header("Authorization", admin).get("/api/community/sites?regionCode=360732101&size=200").then().statusCode(200)
                .body("items.find { it.id == '" + siteId + "' }.households", equalTo(6))
                .body("items.find { it.id == '" + siteId + "' }.people", equalTo(people - 2));
        people -= 2; // the household stays in the registry (moved out) and in the ledger
    }

    @Test
    void theLedgerGoesOnOverNewSheetsAndLeavesNoRowOut() throws Exception {
        byte[] xlsx = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/households/ledger.xlsx?siteId=" + siteId).then().statusCode(200).extract().asByteArray();
        List<String> rows = rowsOverAllSheets(xlsx);
        assertEquals(countPeople(), rows.size(), "every person of the site, over the sheets: " + rows);
        assertTrue(rows.containsAll(householdNos), rows.toString());

        String csv = new String(given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/households/ledger.csv?siteId=" + siteId).then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("\uFEFF户编号,"), lines.get(0));
        assertEquals(countPeople() + 1, lines.size(), csv);
    }

    @Test
    void aLedgerJobReportsItsProgressAndGivesItsOwnerEveryRow() throws Exception {
        String admin = Tokens.bearer("county.admin");
        String location = given().header("Authorization", admin)
                .post("/api/community/households/ledger-jobs?format=xlsx&siteId=" + siteId)
                .then().statusCode(202).body("kind", equalTo("household-ledger")).body("id", notNullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                "DONE".equals(given().header("Authorization", admin).get("/api/community/jobs/" + id).then().statusCode(200)
                        .extract().path("status")));
        int rows = countPeople();
        given().header("Authorization", admin).get("/api/community/jobs/" + id).then().statusCode(200)
                .body("percent", equalTo(100)).body("rowsDone", equalTo(rows)).body("rowsTotal", equalTo(rows))
                .body("errors", equalTo(0)).body("resultUrl", equalTo("/api/community/jobs/" + id + "/result"))
                .body("summary", equalTo("{\"households\":7,\"rows\":" + rows + ",\"sheets\":" + (rows + 2) / 3 + "}"));
        byte[] xlsx = given().header("Authorization", admin).get("/api/community/jobs/" + id + "/result")
                .then().statusCode(200).extract().asByteArray();
        assertEquals(rows, rowsOverAllSheets(xlsx).size());

        // someone else (even with the same scope) does not see that the job exists
        given().header("Authorization", Tokens.bearer("civil.officer")).get("/api/community/jobs/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("civil.officer")).get("/api/community/jobs/" + id + "/result")
                .then().statusCode(404);
        given().header("Authorization", admin).post("/api/community/households/ledger-jobs?format=pdf")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anImportJobCountsItsRowsAndErrorsAndGivesTheReport() {
        String admin = Tokens.bearer("county.admin");
        // a site of its own, so that the other tests' counts stay those of their seven households
        String importSite = TestIds.code("XG-IJ");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("code", importSite, "name", "导入测试安置点", "countyCode", "360732", "townshipCode", "360732101",
                        "areaType", "URBAN"))
                .post("/api/community/sites").then().statusCode(201);
        StringBuilder csv = new StringBuilder("户编号,安置点编码,乡镇代码,搬迁类型,安置方式,住房类型,迁出地,入住日期,与户主关系,姓名,身份证号,文化程度,健康状况,劳动能力,就业状况,技能,务工地点,联系电话\n");
        for (int h = 0; h < 3; h++) {
            String no = TestIds.code("IJ");
            csv.append(no).append(',').append(importSite).append(",,脱贫搬迁户,集中安置,套房,,2019-12-01,户主,刘建华,")
                    .append(TestIds.citizenId(1970 + h, 3, 3, true)).append(",初中,健康,普通劳动力,未就业,,,\n");
            csv.append(no).append(',').append(importSite).append(",,脱贫搬迁户,集中安置,套房,,2019-12-01,配偶,陈秀兰,")
                    .append(TestIds.citizenId(1971 + h, 4, 4, false)).append(",小学,健康,弱劳动力或半劳动力,务农,,,\n");
        }
        // one row with a wrong check digit: rejected, counted as an error, the rest imported
        csv.append(TestIds.code("IJ")).append(',').append(importSite).append(",,脱贫搬迁户,集中安置,套房,,2019-12-01,户主,王强,")
                .append(TestIds.withWrongCheckDigit(TestIds.citizenId(1980, 5, 5, true))).append(",初中,健康,普通劳动力,未就业,,,\n");
        String location = given().header("Authorization", admin)
                .multiPart("file", "import.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/community/imports/households/jobs").then().statusCode(202)
                .body("kind", equalTo("household-import")).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                "DONE".equals(given().header("Authorization", admin).get("/api/community/jobs/" + id).then().statusCode(200)
                        .extract().path("status")));
        given().header("Authorization", admin).get("/api/community/jobs/" + id).then().statusCode(200)
                .body("rowsTotal", equalTo(7)).body("rowsDone", equalTo(7)).body("percent", equalTo(100))
                .body("errors", equalTo(1)).body("errorSamples[0]", org.hamcrest.Matchers.startsWith("第8行 idNumber"));
        given().header("Authorization", admin).get("/api/community/jobs/" + id + "/result").then().statusCode(200)
                .body("householdsCreated", equalTo(3)).body("peopleAdded", equalTo(6)).body("rejected", equalTo(1));
    }

    @Test
    void anUnknownJobIs404() {
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/jobs/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    /** People of the site's households (the one that moved out included: the ledger keeps it). */
    int countPeople() {
        return given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/households?siteId=" + siteId + "&size=200")
                .then().statusCode(200).extract().jsonPath().getList("items.memberCount", Integer.class)
                .stream().mapToInt(Integer::intValue).sum();
    }

    static List<String> rowsOverAllSheets(byte[] xlsx) throws Exception {
        List<String> nos = new ArrayList<>();
        Set<String> sheetNames = new HashSet<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : wb.getSheets().toList()) {
                sheetNames.add(sheet.getName());
                List<Row> rows = sheet.read();
                assertTrue(rows.size() <= 4, "a sheet holds at most the configured 4 rows");
                assertEquals("户编号", rows.get(0).getCellText(0), "each sheet starts with the header");
                for (Row r : rows.subList(1, rows.size())) {
                    nos.add(r.getCellText(0));
                }
            }
        }
        return nos;
    }
}
