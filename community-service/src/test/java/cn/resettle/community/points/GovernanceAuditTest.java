package cn.resettle.community.points;

import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Reads of a household's points and housing-extension records are personal data: each read is in the audit trail. */
@QuarkusTest
class GovernanceAuditTest {

    @Test
    void readingPointsAndHousingExtensionsLeavesAnAuditTrail() {
        String site = PointsTest.site(cn.resettle.common.testing.TestIds.code("XG-LJ"), "360732100");
        String h = PointsTest.household(site);
        String admin = Tokens.bearer("county.admin");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("householdId", h, "points", 5, "reason", "评为文明家庭"))
                .post("/api/community/points/awards").then().statusCode(201);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "reason", "家庭人口增加", "voluntary", true, "ownFunds", true, "noLoans", true))
                .post("/api/community/housing-extensions").then().statusCode(201);
        String township = Tokens.bearer("township.a");
        given().header("Authorization", township).get("/api/community/points/balance/" + h).then().statusCode(200);
        given().header("Authorization", township).get("/api/community/points/awards?householdId=" + h).then().statusCode(200)
                .body("total", equalTo(1));
        String app = given().header("Authorization", township).get("/api/community/housing-extensions?householdId=" + h).then()
                .statusCode(200).extract().path("items[0].id");
        given().header("Authorization", township).get("/api/community/housing-extensions/" + app).then().statusCode(200);

        given().header("Authorization", Tokens.bearer("auditor.a")).queryParam("householdId", h).queryParam("actor", "township.a")
                .get("/api/community/audit").then().statusCode(200)
                .body("items.subjectType", hasItems("points-balance", "points-award", "housing-extension"))
                .body("items.action", hasItems("READ", "LIST"))
                .body("total", equalTo(4));
    }
}
