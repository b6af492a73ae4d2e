package cn.resettle.community.sitechief;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The site-chief system: chiefs, visits (two a month) and who is behind, problems tracked, quarterly ranking. */
@QuarkusTest
class SiteChiefTest {

    static String site(String code, String township) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "安置点" + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    static JsonPath post(String user, String path, Map<String, Object> body, int status) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/community/site-chiefs" + path).then().statusCode(status).extract().jsonPath();
    }

    @Test
    void chiefsVisitTheirSiteAndThoseBehindOnTwoVisitsAMonthAreListed() {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String otherSite = site(TestIds.code("XG-LJ"), "360732100");
        LocalDate today = LocalDate.now();
        String month = YearMonth.from(today).toString();
        String first = post("county.admin", "", Map.of("role", "CHIEF", "siteId", site, "name", "钟建华", "position", "潋江镇副镇长",
                "appointedOn", today.minusMonths(3).toString()), 201).getString("id");
        // a new chief ends the serving one's term
        String chief = post("township.a", "", Map.of("role", "CHIEF", "siteId", site, "name", "谢文斌", "position", "潋江镇党委委员",
                "appointedOn", today.withDayOfMonth(1).toString()), 201).getString("id");
        String deputy = post("township.a", "", Map.of("role", "DEPUTY", "siteId", site, "name", "黄丽萍", "position", "社区主任",
                "appointedOn", today.withDayOfMonth(1).toString()), 201).getString("id");
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/site-chiefs?siteCode=" + code).then()
                .statusCode(200).body("items.id", hasItem(chief)).body("items.id", hasItem(deputy)).body("items.id", not(hasItem(first)));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/site-chiefs?serving=false&siteCode=" + code)
                .then().body("items.find { it.id == '" + first + "' }.endedOn", equalTo(today.withDayOfMonth(1).toString()));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/site-chiefs?siteCode=" + code).then()
                .statusCode(200).body("total", equalTo(0));
        post("county.admin", "", Map.of("role", "COUNTY_CHIEF", "name", "刘县长", "position", "县长",
                "appointedOn", today.toString()), 400);
        post("county.admin", "", Map.of("role", "COUNTY_CHIEF", "countyCode", "360732", "siteId", site, "name", "刘县长",
                "position", "县长", "appointedOn", today.toString()), 400);

        JsonPath visit = post("township.a", "/visits", Map.of("chiefId", chief, "visitedOn", today.toString(),
                "summary", "走访就业帮扶车间，召开居民代表座谈会",
                "problems", List.of(Map.of("description", "小区路灯损坏 6 盏", "owner", "物业 陈经理", "dueOn", today.plusDays(7).toString()))),
                201);
        assertEquals(1, visit.getInt("visit.problemsFound"));
        assertEquals("OPEN", visit.getString("problems[0].status"));
        post("township.a", "/visits", Map.of("chiefId", chief, "siteId", otherSite, "visitedOn", today.toString(),
                "summary", "x"), 422);

        // one visit of two: the chief is behind, the deputy (no visit) too
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/site-chiefs/behind?size=200&month=" + month)
                .then().statusCode(200).body("items.find { it.chief.id == '" + chief + "' }.visits", equalTo(1))
                .body("items.find { it.chief.id == '" + deputy + "' }.visits", equalTo(0))
                .body("items.find { it.chief.id == '" + chief + "' }.required", equalTo(2));
        post("township.a", "/visits", Map.of("chiefId", chief, "visitedOn", today.toString(), "summary", "入户走访 5 户"), 201);
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/site-chiefs/behind?size=200&month=" + month)
                .then().statusCode(200).body("items.chief.id", not(hasItem(chief))).body("items.chief.id", hasItem(deputy));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/site-chiefs/visits?month=" + month
                + "&siteCode=" + code).then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/site-chiefs/visits?month=" + month
                + "&siteCode=" + code).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void aProblemFoundAtAVisitIsTrackedUntilSolved() {
        String code = TestIds.code("XG-CG");
        String site = site(code, "360732101");
        LocalDate today = LocalDate.now();
        String chief = post("township.b", "", Map.of("role", "CHIEF", "siteId", site, "name", "曾国平", "position", "长冈乡副乡长",
                "appointedOn", today.minusMonths(2).toString()), 201).getString("id");
        JsonPath visit = post("township.b", "/visits", Map.of("chiefId", chief, "visitedOn", today.minusDays(10).toString(),
                "summary", "检查安置点环境卫生", "problems", List.of(Map.of("description", "垃圾清运不及时", "owner", "长冈乡环卫站",
                        "dueOn", today.minusDays(5).toString()))), 201);
        String problem = visit.getString("problems[0].id");
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/site-chiefs/problems?overdue=true&size=200")
                .then().statusCode(200).body("items.id", hasItem(problem));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/site-chiefs/problems?overdue=true&size=200")
                .then().statusCode(200).body("items.id", not(hasItem(problem)));
        post("township.b", "/visits", Map.of("chiefId", chief, "visitedOn", today.toString(), "summary", "x",
                "problems", List.of(Map.of("description", "y", "owner", "z", "dueOn", today.minusDays(1).toString()))), 400);
        post("township.b", "/problems/" + problem + "/solve", Map.of("version", 0, "solution", "增加清运频次至每日两次",
                "solvedOn", today.toString()), 200);
        post("township.b", "/problems/" + problem + "/solve", Map.of("version", 1, "solution", "again",
                "solvedOn", today.toString()), 422);
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/site-chiefs/problems?status=SOLVED&size=200")
                .then().statusCode(200).body("items.find { it.id == '" + problem + "' }.solution", equalTo("增加清运频次至每日两次"));
    }

    @Test
    void quarterlyScoresRankTheCountysSites() {
        String quarter = "2025-Q2";
        String a1 = TestIds.code("XG-LJ");
        String a2 = TestIds.code("XG-LJ");
        String b1 = TestIds.code("XG-CG");
        String sa1 = site(a1, "360732100");
        String sa2 = site(a2, "360732100");
        String sb1 = site(b1, "360732101");
        post("county.admin", "/scores", Map.of("siteId", sa1, "quarter", quarter, "score", 95.5, "inspector", "县点长办"), 201);
        post("county.admin", "/scores", Map.of("siteId", sa2, "quarter", quarter, "score", 88, "inspector", "县点长办"), 201);
        post("county.admin", "/scores", Map.of("siteId", sb1, "quarter", quarter, "score", 91, "inspector", "县点长办"), 201);
        post("county.admin", "/scores", Map.of("siteId", sb1, "quarter", quarter, "score", 92, "inspector", "县点长办"), 409);
        // the command view's ranking hears of each score (once: the refused second score published nothing)
        cn.resettle.common.testing.TestEvents.awaitEvent(cn.resettle.common.events.Topics.COMMUNITY, e ->
                e.path("type").asText().equals("cn.resettle.community.site-score.recorded.v1")
                        && e.path("data").path("siteCode").asText().equals(b1) && e.path("data").path("score").asDouble() == 91.0
                        && e.path("data").path("quarter").asText().equals(quarter));
        post("county.admin", "/scores", Map.of("siteId", sb1, "quarter", "2025-Q5", "score", 92, "inspector", "县点长办"), 400);
        post("county.admin", "/scores", Map.of("siteId", sb1, "quarter", quarter, "score", 101, "inspector", "县点长办"), 400);
        post("township.a", "/scores", Map.of("siteId", sa1, "quarter", quarter, "score", 99, "inspector", "x"), 403);
        JsonPath county = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/site-chiefs/ranking?size=200&quarter=" + quarter).then().statusCode(200).extract().jsonPath();
        List<String> order = county.getList("items.siteCode", String.class).stream()
                .filter(c -> c.equals(a1) || c.equals(a2) || c.equals(b1)).toList();
        assertEquals(List.of(a1, b1, a2), order);
        // township A sees its two sites with their rank in the county
        JsonPath township = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/site-chiefs/ranking?size=200&quarter=" + quarter).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(a1, a2), township.getList("items.siteCode", String.class).stream()
                .filter(c -> c.equals(a1) || c.equals(a2) || c.equals(b1)).toList());
        int rankA1 = county.getInt("items.find { it.siteCode == '" + a1 + "' }.rank");
        int rankA2 = county.getInt("items.find { it.siteCode == '" + a2 + "' }.rank");
        assertEquals(rankA2, township.getInt("items.find { it.siteCode == '" + a2 + "' }.rank"));
        assertEquals(rankA1 + 2, rankA2);
    }
}
