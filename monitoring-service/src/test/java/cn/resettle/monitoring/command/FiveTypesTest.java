package cn.resettle.monitoring.command;

import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Five-types assessment: figures moved by employment's events and items attested by officials decide whether a site
 * qualifies as employment-development; the gap list says what is missing and why; the checklist is the county's per
 * year (template until it sets one).
 */
@QuarkusTest
class FiveTypesTest {

    static final String ADMIN = "county.admin";
    static final int YEAR = Year.now(ZoneId.of("Asia/Shanghai")).getValue();

    static UUID place(HouseholdSnapshot h, String site, String kind) {
        UUID placement = UUID.randomUUID();
        TestEvents.publish(Topics.EMPLOYMENT, h.id(), EmploymentEvents.PLACEMENT_STARTED, new EmploymentEvents.PlacementStarted(
                placement, h.members().get(0).id(), h.id(), h.householdNo(), CommandIndicatorsTest.TOWNSHIP, site, kind,
                LocalDate.now(), null, null));
        return placement;
    }

    static io.restassured.response.ValidatableResponse assessment(String user, String site) {
        return given().header("Authorization", Tokens.bearer(user)).get("/api/command/five-types/sites/" + site).then();
    }

    static String type(String t) {
        return "types.find { it.type == '" + t + "' }";
    }

    static void attest(String site, String item, boolean met, String evidence) {
        given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("met", met, "evidence", evidence))
                .put("/api/command/five-types/sites/" + site + "/attestations/" + item + "?year=" + YEAR).then().statusCode(200);
    }

    @Test
    void eventsAndEvidenceMakeASiteEmploymentDevelopmentAndAnEndedPostTakesItAway() {
        String site = CommandIndicatorsTest.site();
        HouseholdSnapshot a = CommandIndicatorsTest.household(site, "FULL", "UNEMPLOYED", 2);
        HouseholdSnapshot b = CommandIndicatorsTest.household(site, "WEAK", "UNEMPLOYED", 1);
        TestEvents.registerHousehold(a);
        TestEvents.registerHousehold(b);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> CommandIndicatorsTest.indicators(ADMIN, "site=" + site)
                .body(CommandIndicatorsTest.figure("LABOUR_HOUSEHOLDS") + ".value", equalTo(2)));
        // nothing yet: every employment item is a gap, the figures say why
        assessment(ADMIN, site).statusCode(200).body("qualified", not(hasItem("EMPLOYMENT_DEVELOPMENT")))
                .body("gaps.code", hasItem("ED-POSTS")).body("gaps.code", hasItem("ED-STATION"))
                .body("gaps.find { it.code == 'ED-POSTS' }.evidence", containsString("未达标"));

        UUID post = place(a, site, "PUBLIC_WELFARE_POST");
        place(b, site, "PUBLIC_WELFARE_POST");
        place(a, site, "SELF_EMPLOYED");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assessment(ADMIN, site)
                .body(type("EMPLOYMENT_DEVELOPMENT") + ".items.find { it.code == 'ED-POSTS' }.met", equalTo(true))
                .body(type("EMPLOYMENT_DEVELOPMENT") + ".items.find { it.code == 'ED-LEADER' }.met", equalTo(true))
                .body(type("EMPLOYMENT_DEVELOPMENT") + ".items.find { it.code == 'ED-ONEJOB' }.met", equalTo(true))
                .body(type("EMPLOYMENT_DEVELOPMENT") + ".items.find { it.code == 'ED-POSTS' }.evidence",
                        containsString("PUBLIC_WELFARE_POSTS")));
        attest(site, "ED-NEARBY", true, "周边有服饰厂、电子厂、超市共4家");
        attest(site, "ED-WORKSHOP", true, "点内城东服饰帮扶车间");
        attest(site, "ED-STATION", true, "就业服务站2026年3月挂牌");
        attest(site, "ED-TRAINING", true, "2026年5月电商培训1期");
        assessment(ADMIN, site).statusCode(200).body("qualified", hasItem("EMPLOYMENT_DEVELOPMENT"))
                .body(type("EMPLOYMENT_DEVELOPMENT") + ".items.find { it.code == 'ED-STATION' }.evidence", equalTo("就业服务站2026年3月挂牌"))
                .body(type("EMPLOYMENT_DEVELOPMENT") + ".items.find { it.code == 'ED-STATION' }.decidedBy", equalTo(ADMIN))
                .body("gaps.type", not(hasItem("EMPLOYMENT_DEVELOPMENT")));
        given().header("Authorization", Tokens.bearer(ADMIN))
                .get("/api/command/five-types?type=EMPLOYMENT_DEVELOPMENT&region=360732100&size=200").then().statusCode(200)
                .body("items.site", hasItem(site));

        // one public-welfare post ends: below the threshold, the site no longer qualifies and the gap says so
        TestEvents.publish(Topics.EMPLOYMENT, a.id(), EmploymentEvents.PLACEMENT_ENDED, new EmploymentEvents.PlacementEnded(post,
                a.members().get(0).id(), a.id(), a.householdNo(), CommandIndicatorsTest.TOWNSHIP, site, "PUBLIC_WELFARE_POST",
                LocalDate.now(), "CONTRACT_ENDED", false));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assessment(ADMIN, site)
                .body("qualified", not(hasItem("EMPLOYMENT_DEVELOPMENT")))
                .body("gaps.find { it.code == 'ED-POSTS' }.evidence", containsString("1 < 2")));
        given().header("Authorization", Tokens.bearer(ADMIN))
                .get("/api/command/five-types?type=EMPLOYMENT_DEVELOPMENT&site=" + site).then().statusCode(200)
                .body("total", equalTo(0));
        // a METRIC item cannot be attested; another township's official does not see the site
        given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("met", true, "evidence", "有"))
                .put("/api/command/five-types/sites/" + site + "/attestations/ED-POSTS").then().statusCode(422);
        assessment("township.b", site).statusCode(404);
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON)
                .body(Map.of("met", true, "evidence", "有"))
                .put("/api/command/five-types/sites/" + site + "/attestations/ED-STATION").then().statusCode(404);
    }

    @Test
    void theCountySetsItsChecklistPerYearAndOnlyTheCountyAdminMay() {
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/command/five-types/checklist?county=3607&year=2030")
                .then().statusCode(400).body("violations[0].field", equalTo("county"));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/command/five-types/checklist?year=2030")
                .then().statusCode(200).body("source", equalTo("TEMPLATE"))
                .body("items.find { it.code == 'CE-INCOME' }.title", equalTo("年集体经济收入3万元以上"));
        Map<String, Object> list = Map.of("items", List.of(
                Map.of("siteType", "EMPLOYMENT_DEVELOPMENT", "code", "ED-POSTS", "title", "公益性岗位至少3人", "kind", "METRIC",
                        "figure", "PUBLIC_WELFARE_POSTS", "threshold", 3),
                Map.of("siteType", "COLLECTIVE_ECONOMY", "code", "CE-INCOME", "title", "年集体经济收入5万元以上", "kind", "ATTESTED")));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON).body(list)
                .put("/api/command/five-types/checklist/360732/2031").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON).body(list)
                .put("/api/command/five-types/checklist/360732/2031").then().statusCode(200)
                .body("source", equalTo("COUNTY")).body("items.size()", equalTo(2));
        // a later year uses the county's latest list; an earlier one the template
        given().header("Authorization", Tokens.bearer(ADMIN)).get("/api/command/five-types/checklist?county=360732&year=2032")
                .then().statusCode(200).body("effectiveYear", equalTo(2031))
                .body("items.find { it.code == 'ED-POSTS' }.threshold", equalTo(3.0f));
        // bad lists name the field
        given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("siteType", "EMPLOYMENT_DEVELOPMENT", "code", "ED-X", "title", "无指标",
                        "kind", "METRIC"))))
                .put("/api/command/five-types/checklist/360732/2031").then().statusCode(400)
                .contentType(containsString("problem+json")).body("violations[0].field", containsString("figure"));
        given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("siteType", "NOPE", "code", "ED-X", "title", "x", "kind", "ATTESTED"))))
                .put("/api/command/five-types/checklist/360732/2031").then().statusCode(400);
        given().header("Authorization", Tokens.bearer(ADMIN)).contentType(ContentType.JSON).body(list)
                .put("/api/command/five-types/checklist/360732/1999").then().statusCode(400);
    }
}
