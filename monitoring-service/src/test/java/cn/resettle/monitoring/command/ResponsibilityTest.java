package cn.resettle.monitoring.command;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The responsibility list by department and person with progress and overdue items; the quarterly site-chief ranking. */
@QuarkusTest
class ResponsibilityTest {

    static final String ADMIN = "county.admin";

    static Map<String, Object> duty(int year, int seq, String lead, String person, LocalDate deadline) {
        Map<String, Object> m = new HashMap<>();
        m.put("countyCode", "360732");
        m.put("year", year);
        m.put("seq", seq);
        m.put("category", "加强扶贫监测帮扶");
        m.put("plan", "各行业部门每个月开展1次数据比对，将预警信息反馈给安置点");
        m.put("leadDepartment", lead);
        m.put("departments", "县发改委、县人社局，有关乡镇（区）");
        m.put("person", person);
        if (deadline != null) {
            m.put("deadline", deadline.toString());
        }
        return m;
    }

    @Test
    void itemsByDepartmentWithProgressAndOverdue() {
        int year = 2040 + ThreadLocalRandom.current().nextInt(50);
        String admin = Tokens.bearer(ADMIN);
        String late = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(duty(year, 6, "县乡村振兴局", "刘建国", LocalDate.now().minusDays(3)))
                .post("/api/command/duties").then().statusCode(201).body("overdue", equalTo(true)).extract().path("id");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(duty(year, 16, "县人社局", "钟丽华", LocalDate.now().plusMonths(2)))
                .post("/api/command/duties").then().statusCode(201).body("status", equalTo("OPEN"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(duty(year, 2, "县乡村振兴局", "刘建国", null))
                .post("/api/command/duties").then().statusCode(201).body("overdue", equalTo(false));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(duty(year, 16, "县人社局", "钟丽华", null))
                .post("/api/command/duties").then().statusCode(409).body("type", containsString("duplicate-seq"));

        // a township official reads the county's list; overdue and by department
        String township = Tokens.bearer("township.a");
        given().header("Authorization", township).get("/api/command/duties?year=" + year).then().statusCode(200)
                .body("total", equalTo(3)).body("items[0].seq", equalTo(2));
        given().header("Authorization", township).get("/api/command/duties?overdue=true&year=" + year).then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(late));
        given().header("Authorization", township).get("/api/command/duties?department=人社&year=" + year).then()
                .body("total", equalTo(3));   // 县人社局 leads one and is responsible in all
        given().header("Authorization", township).get("/api/command/duties?person=刘建国&year=" + year).then()
                .body("total", equalTo(2));
        given().header("Authorization", admin).get("/api/command/duties/summary?year=" + year).then().statusCode(200)
                .body("find { it.department == '县乡村振兴局' }.total", equalTo(2))
                .body("find { it.department == '县乡村振兴局' }.overdue", equalTo(1));

        // progress: the version read, 100 % is done and no longer overdue; a stale version is refused
        given().header("Authorization", Tokens.bearer("civil.officer")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "progress", 60, "note", "已完成1-9月数据比对"))
                .put("/api/command/duties/" + late + "/progress").then().statusCode(200).body("progress", equalTo(60));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "progress", 100))
                .put("/api/command/duties/" + late + "/progress").then().statusCode(409);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "progress", 100, "note", "全年比对完成"))
                .put("/api/command/duties/" + late + "/progress").then().statusCode(200)
                .body("status", equalTo("DONE")).body("overdue", equalTo(false)).body("updatedBy", equalTo(ADMIN));
        given().header("Authorization", township).get("/api/command/duties?overdue=true&year=" + year).then().body("total", equalTo(0));

        // who may: a township official does not write the list; residents see nothing; bad input names the field
        given().header("Authorization", township).contentType(ContentType.JSON).body(duty(year, 9, "县乡村振兴局", "刘建国", null))
                .post("/api/command/duties").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/command/duties").then().statusCode(403);
        Map<String, Object> bad = duty(year, 10, "县乡村振兴局", "", null);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(bad).post("/api/command/duties").then()
                .statusCode(400).body("violations[0].field", containsString("person"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("version", 2, "progress", 101))
                .put("/api/command/duties/" + late + "/progress").then().statusCode(400);
        given().header("Authorization", admin).get("/api/command/duties/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theQuarterlyRankingOfSiteChiefsFromCommunitysScores() {
        String quarter = (2040 + ThreadLocalRandom.current().nextInt(50)) + "-Q" + (1 + ThreadLocalRandom.current().nextInt(4));
        String good = CommandIndicatorsTest.site();
        String weak = CommandIndicatorsTest.site();
        TestEvents.publish(Topics.COMMUNITY, UUID.randomUUID(), CommunityEvents.SITE_SCORE_RECORDED, new CommunityEvents.SiteScoreRecorded(
                UUID.randomUUID(), UUID.randomUUID(), weak, "360732100", quarter, new BigDecimal("78.5"), "钟建华", "县乡村振兴局督导组",
                OffsetDateTime.now()));
        TestEvents.publish(Topics.COMMUNITY, UUID.randomUUID(), CommunityEvents.SITE_SCORE_RECORDED, new CommunityEvents.SiteScoreRecorded(
                UUID.randomUUID(), UUID.randomUUID(), good, "360732100", quarter, new BigDecimal("92.0"), "陈秀英", "县乡村振兴局督导组",
                OffsetDateTime.now()));
        String admin = Tokens.bearer(ADMIN);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/api/command/ranking?region=360732&quarter=" + quarter).then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].siteCode", equalTo(good)).body("items[0].rank", equalTo(1))
                .body("items[0].chiefName", equalTo("陈秀英")).body("items[1].rank", equalTo(2))
                .body("items[1].rankedSites", equalTo(2)));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/command/ranking?quarter=" + quarter).then()
                .statusCode(200).body("items.siteCode", hasItem(weak));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/command/ranking?quarter=" + quarter).then()
                .statusCode(200).body("items.siteCode", not(hasItem(weak)));
        given().header("Authorization", admin).get("/api/command/ranking?quarter=2026Q4").then().statusCode(400);
    }
}
