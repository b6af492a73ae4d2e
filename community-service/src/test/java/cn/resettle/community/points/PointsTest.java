package cn.resettle.community.points;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The points supermarket: rules, awards approved by someone else, goods and stock, redemption against the balance. */
@QuarkusTest
class PointsTest {

    static String site(String code, String township) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "安置点" + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    static String household(String siteId) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("PT"), "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", TestIds.citizenId(1983, 4, 7, false),
                                "name", "温春梅", "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "EMPLOYED_LOCAL"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse post(String user, String path, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/community/points" + path).then();
    }

    @Test
    void approvedPointsAreRedeemedForGoodsAgainstTheBalanceAndStock() {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String h = household(site);
        String rule = post("county.admin", "/rules", Map.of("siteId", site, "code", "VOLUNTEER", "name", "参加志愿服务一次",
                "kind", "VOLUNTEER", "points", 10)).statusCode(201).extract().path("id");
        String a1 = post("county.admin", "/awards", Map.of("householdId", h, "ruleId", rule, "reason", "参加 11 月环境整治志愿活动"))
                .statusCode(201).body("points", equalTo(10)).body("status", equalTo("PENDING")).extract().path("id");
        String a2 = post("county.admin", "/awards", Map.of("householdId", h, "points", 5, "reason", "评为文明家庭"))
                .statusCode(201).extract().path("id");
        post("county.admin", "/awards", Map.of("householdId", h, "reason", "x")).statusCode(400);
        // the proposer cannot approve their own award
        post("county.admin", "/awards/" + a1 + "/decision", Map.of("version", 0, "approve", true)).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/same-person"));
        // a site worker proposes, never approves
        post("worker.a1", "/awards/" + a1 + "/decision", Map.of("version", 0, "approve", true)).statusCode(403);
        post("township.a", "/awards/" + a1 + "/decision", Map.of("version", 0, "approve", true)).statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvedBy", equalTo("township.a"));
        post("township.b", "/awards/" + a2 + "/decision", Map.of("version", 0, "approve", true)).statusCode(404);
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/points/balance/" + h).then()
                .statusCode(200).body("earned", equalTo(10)).body("pending", equalTo(5)).body("balance", equalTo(10));

        String soap = post("county.admin", "/goods", Map.of("siteId", site, "name", "洗衣液", "pointsPrice", 4, "stock", 1))
                .statusCode(201).extract().path("id");
        post("township.a", "/redemptions", Map.of("householdId", h, "goodsId", soap, "quantity", 3)).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/insufficient-points"));
        post("township.a", "/redemptions", Map.of("householdId", h, "goodsId", soap, "quantity", 2)).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/out-of-stock"));
        post("township.a", "/redemptions", Map.of("householdId", h, "goodsId", soap, "quantity", 1)).statusCode(201)
                .body("spent", equalTo(4)).body("balance", equalTo(6));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/points/goods?siteCode=" + code).then()
                .statusCode(200).body("items[0].stock", equalTo(0));
        post("county.admin", "/goods/" + soap + "/restock", Map.of("version", 1, "quantity", 10)).statusCode(200)
                .body("stock", equalTo(10));
        // goods of another site are not for this household
        String other = site(TestIds.code("XG-LJ"), "360732100");
        String rice = post("county.admin", "/goods", Map.of("siteId", other, "name", "大米 5 斤", "pointsPrice", 1, "stock", 5))
                .statusCode(201).extract().path("id");
        post("township.a", "/redemptions", Map.of("householdId", h, "goodsId", rice, "quantity", 1)).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/other-site"));
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/community/points/balance/" + h).then()
                .statusCode(403);
    }
}
