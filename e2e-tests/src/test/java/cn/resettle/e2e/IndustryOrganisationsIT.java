package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Industry bases, cooperatives and the sites' collective economy through the gateway with real tokens: a township
 * official registers them at its site and ties a relocated household to each; the site's worker reads them; another
 * township's official and another site's worker do not see them; other departments are refused.
 */
class IndustryOrganisationsIT {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void basesCooperativesAndCollectiveIncomeThroughTheGatewayInScope() {
        Map<String, String> h = RiskAssistanceLoopIT.registerHousehold(TestIds.code("ORG"));
        String household = h.get("id");
        String township = Tokens.bearer("township.a");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", township).get("/api/industry/registry/households/" + household).then().statusCode(200));

        // an industry base at the site; the site reaches industry's registry copy on its own: retry until it has
        Map<String, Object> base = Map.of("kind", "BASE", "name", "潋江镇脐橙产业基地 " + TestIds.code("B"), "siteCode", "XG-LJ-001",
                "industry", "脐橙种植", "areaMu", 800, "investment", 3500000, "enterprises", 2, "jobs", 90, "establishedOn", "2021-05-01");
        String[] b = new String[1];
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> b[0] = given().header("Authorization", township)
                .contentType(ContentType.JSON).body(base).post("/api/industry/bases").then().statusCode(201).extract().path("id"));
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("personId", h.get("personId"), "relation", "EMPLOYED", "since", LocalDate.now().toString()))
                .post("/api/industry/bases/" + b[0] + "/households").then().statusCode(201).body("householdId", equalTo(household));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/industry/bases/" + b[0]).then().statusCode(200)
                .body("relocatedWorkersEmployed", equalTo(1)).body("householdsLinked", equalTo(1));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/industry/bases/" + b[0] + "/households").then()
                .statusCode(200).body("items.householdId", hasItem(household));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/industry/bases/" + b[0]).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/bases/" + b[0]).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/industry/bases").then().statusCode(403);
        given().get("/api/industry/bases").then().statusCode(401);

        // the site's collective organisation and a cooperative; the household joins the cooperative
        String collective = given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("kind", "COLLECTIVE", "name", "潋江社区股份经济合作社 " + TestIds.code("C"), "siteCode", "XG-LJ-001",
                        "representative", "钟国华", "business", "物业出租、光伏发电", "establishedOn", "2021-01-01"))
                .post("/api/industry/cooperatives").then().statusCode(201).extract().path("id");
        String coop = given().header("Authorization", Tokens.bearer("ind.officer")).contentType(ContentType.JSON)
                .body(Map.of("kind", "COOPERATIVE", "name", "潋江蔬菜种植专业合作社 " + TestIds.code("C"), "siteCode", "XG-LJ-001",
                        "representative", "谢春生", "business", "蔬菜种植", "establishedOn", "2021-03-01"))
                .post("/api/industry/cooperatives").then().statusCode(201).extract().path("id");
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("householdId", household, "shares", 2, "joinedOn", LocalDate.now().toString()))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(201);
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("year", 2025, "amount", 32000, "source", "标准厂房租金", "receivedOn", "2025-12-20"))
                .post("/api/industry/cooperatives/" + collective + "/income").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("worker.a1"))
                .get("/api/industry/cooperatives/collective-economy?year=2025&siteCode=XG-LJ-001").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].collectiveIncome", greaterThanOrEqualTo(32000f))
                .body("items[0].meetsIncomeTarget", equalTo(true)).body("items[0].meetsCollectiveEconomyType", equalTo(true));
        given().header("Authorization", Tokens.bearer("township.b"))
                .get("/api/industry/cooperatives/collective-economy?year=2025&siteCode=XG-LJ-001").then().body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/industry/cooperatives/ledger.xlsx?year=2025").then()
                .statusCode(200).contentType(containsString("spreadsheetml"));
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("kind", "COOPERATIVE", "name", "", "siteCode", "XG-LJ-001", "representative", "x", "business", "x",
                        "establishedOn", "2099-01-01"))
                .post("/api/industry/cooperatives").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("name")).body("violations.field", hasItem("establishedOn"));

        // the household's farmland at the origin place is leased out; the year's rent reaches monitoring as income
        String lease = given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("householdId", household, "assetType", "FARMLAND", "location", "兴国县枫边乡山峰村", "areaMu", 2.5,
                        "lessee", "兴国县绿源油茶种植专业合作社", "purpose", "油茶种植", "annualRent", 750, "startOn", "2024-01-01",
                        "endOn", "2033-12-31"))
                .post("/api/industry/leases").then().statusCode(201).extract().path("id");
        String rent = given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("year", 2025, "amount", 750, "paidOn", "2025-12-30"))
                .post("/api/industry/leases/" + lease + "/rents").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/income-evidence?householdId=" + household)
                        .then().statusCode(200).body("items.find { it.reference == '" + rent + "' }.kind", equalTo("RENT")));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/industry/leases/" + lease).then().statusCode(404);

        // idle premises at the site and a sales channel for its products, read by the site's worker
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("siteCode", "XG-LJ-001", "kind", "GARAGE", "address", "车库 " + TestIds.code("P"), "areaM2", 96,
                        "owner", "安置点物业公司", "idleSince", "2025-06-01"))
                .post("/api/industry/premises").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/industry/premises?status=IDLE&siteCode=XG-LJ-001").then()
                .statusCode(200).body("total", greaterThanOrEqualTo(1));
        String channel = given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("siteCode", "XG-LJ-001", "kind", "COUNTER", "name", "县城消费帮扶专柜 " + TestIds.code("X"),
                        "buyer", "兴国县供销社", "products", "脐橙、竹编", "agreementFrom", "2025-01-01"))
                .post("/api/industry/consumption-channels").then().statusCode(201).extract().path("id");
        given().header("Authorization", township).contentType(ContentType.JSON)
                .body(Map.of("soldOn", LocalDate.now().toString(), "product", "赣南脐橙", "amount", 5600, "householdsBenefited", 4))
                .post("/api/industry/consumption-channels/" + channel + "/sales").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/industry/consumption-channels/" + channel).then()
                .statusCode(200).body("salesThisYear", equalTo(5600.0f));
    }
}
