package cn.resettle.community;

import cn.resettle.common.testing.Concurrently;
import cn.resettle.common.testing.LogCapture;
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
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Bad input and races in the registry and the bulk import: 400/409/413/422 problems, never a 500. */
@QuarkusTest
class BadInputTest {

    static final String HEADER = ImportTest.HEADER;

    @Inject
    AgroalDataSource db;

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

    String site() {
        new ImportTest().ensureSite();
        return given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/sites?regionCode=360732100&size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.code == 'XG-LJ-001' }.id", String.class).get(0);
    }

    Map<String, Object> household(String householdNo, String name, String idNumber) {
        return Map.of("householdNo", householdNo, "siteId", site(), "relocationType", "POVERTY", "placementType", "CENTRALIZED",
                "members", List.of(Map.of("idNumber", idNumber, "name", name, "relationship", "HEAD", "labourCapacity", "FULL",
                        "employmentStatus", "UNEMPLOYED")));
    }

    static Response post(Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON).body(body)
                .post("/api/community/households");
    }

    static String bodies(List<Response> r) {
        return r.stream().map(x -> x.statusCode() + " " + x.asString()).toList().toString();
    }

    @Test
    void aHugePageIsA400NamingPage() {
        for (String list : List.of("/api/community/households", "/api/community/sites", "/api/community/tasks")) {
            given().header("Authorization", Tokens.bearer("county.admin")).get(list + "?page=2147483647")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("page"));
        }
    }

    @Test
    void aNulCharacterIsA400NamingTheField() {
        Map<String, Object> body = household(TestIds.code("NUL"), "张\u0000三", TestIds.citizenId(1980, 1, 2, true));
        post(body).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("members[0].name"))
                .body("detail", containsString("control characters"));
        given().header("Authorization", Tokens.bearer("county.admin")).urlEncodingEnabled(false)
                .get("/api/community/households?regionCode=3607%00").then().statusCode(400)
                .body("violations[0].field", equalTo("regionCode"));
    }

    @Test
    void theSamePersonRegisteredTwiceAtOnceIsOne201AndOne409WithoutTheIdNumber() throws Exception {
        String id = TestIds.citizenId(1975, 3, 14, false);
        Map<String, Object> a = household(TestIds.code("RACE"), "刘芳", id);
        Map<String, Object> b = household(TestIds.code("RACE"), "刘芳", id);
        List<Response> r;
        String logged;
        try (LogCapture log = new LogCapture()) {
            r = Concurrently.blockedBehind(db, "lock table person in share row exclusive mode", () -> post(a), () -> post(b));
            logged = log.text();
        }
        assertEquals(List.of(201, 409), Concurrently.statuses(r), bodies(r));
        Response refused = r.stream().filter(x -> x.statusCode() == 409).findFirst().orElseThrow();
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("https://resettle.cn/problems/duplicate-id-number", refused.path("type"));
        assertFalse(refused.asString().contains(id), refused.asString());
        assertFalse(refused.asString().contains(id.substring(0, 17)), refused.asString());
        assertFalse(logged.contains(id.substring(0, 17)), "a log line carries the ID number:\n" + logged);
        assertEquals(1, count("select count(*) from person where id_number = ?", id));
    }

    @Test
    void theSameHouseholdNumberTwiceAtOnce() throws Exception {
        String no = TestIds.code("RACE");
        Map<String, Object> a = household(no, "陈明", TestIds.citizenId(1981, 4, 4, true));
        Map<String, Object> b = household(no, "陈亮", TestIds.citizenId(1983, 5, 5, true));
        List<Response> r = Concurrently.blockedBehind(db, "lock table household in share row exclusive mode",
                () -> post(a), () -> post(b));
        assertEquals(List.of(201, 409), Concurrently.statuses(r), bodies(r));
        assertEquals(1, count("select count(*) from household where household_no = ?", no));
    }

    static String row(String householdNo, String relationship, String name, String id) {
        return householdNo + ",XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01," + relationship + "," + name + "," + id
                + ",初中,健康,普通劳动力,未就业,,,\r\n";
    }

    static io.restassured.response.ValidatableResponse upload(String csv) {
        return given().header("Authorization", Tokens.bearer("county.admin"))
                .multiPart("file", "households.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/community/imports/households").then();
    }

    @Test
    void aHouseholdOfMoreThanThirtyIsRefusedBeforeAnythingIsWritten() throws Exception {
        site();
        String no = TestIds.code("BIG");
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < 32; i++) {
            csv.append(row(no, i == 0 ? "户主" : "子女", "成员" + i, TestIds.citizenId(1990, 1 + i % 12, 1 + i % 28, true)));
        }
        upload(csv.toString()).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://resettle.cn/problems/household-too-large"))
                .body("violations", hasSize(2))
                .body("violations[0].field", equalTo("rows[32].householdNo"))
                .body("violations[1].field", equalTo("rows[33].householdNo"));
        assertEquals(0, count("select count(*) from household where household_no = ?", no));

        // a household already holding 30 cannot grow past 30 through a second file either
        StringBuilder thirty = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < 30; i++) {
            thirty.append(row(no, i == 0 ? "户主" : "子女", "成员" + i, TestIds.citizenId(1991, 1 + i % 12, 1 + i % 28, true)));
        }
        upload(thirty.toString()).statusCode(200).body("peopleAdded", equalTo(30));
        upload(HEADER + "\r\n" + row(no, "子女", "新成员", TestIds.citizenId(2015, 6, 6, true))).statusCode(200)
                .body("peopleAdded", equalTo(0)).body("errors[0].row", equalTo(2))
                .body("errors[0].field", equalTo("householdNo"));
        assertEquals(30, count("select count(*) from person p join household h on h.id = p.household_id where h.household_no = ?", no));
    }

    @Test
    void aThirtyFirstMemberAddedOneByOneIsRefusedLikeInTheImport() throws Exception {
        String no = TestIds.code("BIG");
        List<Map<String, Object>> members = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(Map.of("idNumber", TestIds.citizenId(1950 + i, 1 + i % 12, 1 + i % 28, i % 2 == 0),
                    "name", "钟" + "一二三四五六七八九十".charAt(i % 10) + i, "relationship", i == 0 ? "HEAD" : "OTHER",
                    "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"));
        }
        Map<String, Object> body = new java.util.HashMap<>(household(no, "x", "x"));
        body.put("members", members);
        String id = post(body).then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("idNumber", TestIds.citizenId(1990, 6, 6, true), "name", "钟三十一", "relationship", "OTHER",
                        "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))
                .post("/api/community/households/" + id + "/members")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("household-too-large"));
        assertEquals(30, count("select count(*) from person p join household h on h.id = p.household_id "
                + "where h.household_no = ?", no));
    }

    @Test
    void tooManyRowsIsA413AndBlankLinesDoNotBypassTheLimit() {
        site();
        // 50,001 rows: refused as soon as the 50,001st is read
        StringBuilder big = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < 50_001; i++) {
            big.append("H").append(i).append(",,,,,,,,,,,,,,,,,\r\n");
        }
        upload(big.toString()).statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://resettle.cn/problems/file-too-large"))
                .body("detail", containsString("50000"));
        // blank lines are not rows, but a file padded with them is refused too
        StringBuilder padded = new StringBuilder(HEADER).append("\r\n");
        padded.append(",,,,,,,,,,,,,,,,,\r\n".repeat(5_000)).append("\r\n".repeat(5_001));
        padded.append(row(TestIds.code("PAD"), "户主", "周强", TestIds.citizenId(1982, 2, 2, true)));
        upload(padded.toString()).statusCode(413).body("detail", containsString("blank"));
        // a few blank lines are fine and not counted
        upload(HEADER + "\r\n\r\n,,,\r\n" + row(TestIds.code("PAD"), "户主", "周强", TestIds.citizenId(1982, 3, 3, true)) + "\r\n")
                .statusCode(200).body("rows", equalTo(1)).body("householdsCreated", equalTo(1));
    }

    @Test
    void aControlCharacterInACellIsARowError() {
        site();
        String no = TestIds.code("CTL");
        String csv = HEADER + "\r\n" + row(no, "户主", "吴\u0000刚", TestIds.citizenId(1984, 4, 4, true))
                + row(TestIds.code("CTL"), "户主", "郑洁", TestIds.citizenId(1985, 5, 5, false));
        upload(csv).statusCode(200).body("rows", equalTo(2)).body("householdsCreated", equalTo(1))
                .body("errors.row", hasItem(2)).body("errors.find { it.row == 2 }.field", equalTo("name"))
                .body("errors.find { it.row == 2 }.message", containsString("control characters"));
    }

}
