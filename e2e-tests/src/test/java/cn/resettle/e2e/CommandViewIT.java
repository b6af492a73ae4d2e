package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The command view through the gateway with real tokens: events of all four services move one site's indicators and
 * its five-types result — community registers the households and scores the site, monitoring's visit flags a risk,
 * employment and industry open tasks for it, employment places both households on public-welfare posts.
 */
@org.junit.jupiter.api.Disabled("issue 13: written but not yet run against the packaged suite (no machine slot before the "
        + "deadline); run with -Dit.test=CommandViewIT and remove this line when green")
class CommandViewIT {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    static String figure(String code) {
        return "figures.find { it.code == '" + code + "' }";
    }

    static String register(String siteId, String name, int year) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("CMD"), "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(year, 5, 12, true),
                                "name", name, "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(201).extract().path("members[0].id");
    }

    @Test
    void eventsFromAllFourServicesMoveASitesIndicatorsAndItsFiveTypesResult() {
        String admin = Tokens.bearer("county.admin");
        String site = "XG-CMD-" + TestIds.code("").replaceAll("[^A-Z0-9]", "");
        String siteId = RegistryAcrossServicesIT.site(site, "360732100");
        String personA = register(siteId, "钟振华", 1984);
        String personB = register(siteId, "谢春兰", 1990);

        // community: two households at the site
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/api/command/indicators?site=" + site).then().statusCode(200)
                .body(figure("HOUSEHOLDS") + ".value", equalTo(2)).body(figure("LABOUR_HOUSEHOLDS") + ".value", equalTo(2))
                .body(figure("LABOUR_HOUSEHOLDS_EMPLOYED") + ".value", equalTo(0)));
        given().header("Authorization", admin).get("/api/command/five-types/sites/" + site).then().statusCode(200)
                .body("gaps.code", hasItem("ED-ONEJOB")).body("gaps.code", hasItem("ED-POSTS"));
        String householdA = given().header("Authorization", admin).get("/api/command/indicators/HOUSEHOLDS/items?site=" + site)
                .then().statusCode(200).extract().path("items[0].householdId");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/api/monitoring/registry/households/" + householdA).then().statusCode(200));

        // monitoring: a visit with income below the line — visited, and a risk flagged
        YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("householdId", householdA, "visitMonth", month.toString(),
                        "visitedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), "perCapitaIncome", 3200))
                .post("/api/monitoring/visits").then().statusCode(201);
        given().header("Authorization", admin).get("/api/command/indicators?site=" + site).then()
                .body(figure("VISITED_HOUSEHOLDS") + ".value", equalTo(1)).body(figure("RISKS_FLAGGED") + ".value", equalTo(1))
                .body("rates.find { it.code == 'VISIT_COVERAGE' }.rate", equalTo(0.5f));

        // employment and industry: their tasks for the risk are open, by department
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/api/command/indicators?site=" + site).then()
                .body(figure("TASKS_OPEN") + ".value", greaterThanOrEqualTo(2))
                .body(figure("TASKS_OPEN") + ".parts.size()", greaterThanOrEqualTo(2)));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/command/indicators/TASKS_OPEN/items?site=" + site)
                .then().statusCode(200).body("items.domain", hasItem("employment")).body("items.domain", hasItem("industry"));

        // employment: both heads placed on public-welfare posts
        for (String person : List.of(personA, personB)) {
            // the person reaches employment's registry copy by community's event: placed as soon as it is there
            await().atMost(Duration.ofSeconds(90)).until(() -> given().header("Authorization", Tokens.bearer("emp.officer"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("personId", person, "employer", "潋江镇公益性岗位", "kind", "PUBLIC_WELFARE_POST",
                            "startedOn", LocalDate.now().toString()))
                    .post("/api/employment/placements").statusCode() == 201);
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/api/command/indicators?site=" + site).then()
                .body(figure("PUBLIC_WELFARE_POSTS") + ".value", equalTo(2))
                .body(figure("LABOUR_HOUSEHOLDS_EMPLOYED") + ".value", equalTo(2))
                .body("rates.find { it.code == 'ONE_HOUSEHOLD_ONE_JOB' }.rate", equalTo(1.0f)));
        given().header("Authorization", admin).get("/api/command/five-types/sites/" + site).then().statusCode(200)
                .body("gaps.code", not(hasItem("ED-ONEJOB"))).body("gaps.code", not(hasItem("ED-POSTS")))
                .body("types.find { it.type == 'EMPLOYMENT_DEVELOPMENT' }.items.find { it.code == 'ED-POSTS' }.met", equalTo(true));

        // community: the site's quarterly score reaches the ranking
        String quarter = month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("siteId", siteId, "quarter", quarter, "score", 88.5, "inspector", "县乡村振兴局督导组"))
                .post("/api/community/site-chiefs/scores").then().statusCode(201);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/api/command/ranking?site=" + site + "&quarter=" + quarter).then().statusCode(200)
                .body("items[0].siteCode", equalTo(site)).body("items[0].score", equalTo(88.5f)));

        // the scope holds through the gateway
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/command/indicators?site=" + site).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/command/indicators").then().statusCode(403);
        given().get("/api/command/indicators").then().statusCode(401);
    }
}
