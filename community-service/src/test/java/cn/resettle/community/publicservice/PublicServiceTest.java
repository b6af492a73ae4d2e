package cn.resettle.community.publicservice;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public services near a site (places and use) and the care lists of the left-behind, with visits and the ledger. */
@QuarkusTest
class PublicServiceTest {

    static String site(String code, String township) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "安置点" + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN")).post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse post(String user, String path, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/community/public-services" + path).then();
    }

    @Test
    void facilitiesShowPlacesLeftAndForRelocatedChildren() {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        String school = post("township.a", "/facilities", Map.of("siteId", site, "kind", "PRIMARY_SCHOOL", "name", "潋江第三小学",
                "distanceKm", 0.8, "capacity", 1200, "inUse", 1100, "relocatedPlaces", 300, "relocatedInUse", 260)).statusCode(201)
                .body("available", equalTo(100)).body("relocatedAvailable", equalTo(40)).extract().path("id");
        post("township.a", "/facilities", Map.of("siteId", site, "kind", "PRIMARY_SCHOOL", "name", "潋江第三小学",
                "capacity", 1, "inUse", 0)).statusCode(409);
        post("township.a", "/facilities", Map.of("siteId", site, "kind", "CLINIC", "name", "社区卫生室", "capacity", 20, "inUse", 5,
                "relocatedPlaces", 3)).statusCode(400).body("violations.field", hasItem("relocatedPlaces"));
        post("township.a", "/facilities", Map.of("siteId", site, "kind", "KINDERGARTEN", "name", "安置点幼儿园", "capacity", 100,
                "inUse", 50, "relocatedPlaces", 80, "relocatedInUse", 90)).statusCode(400).body("violations.field", hasItem("relocatedInUse"));
        post("township.a", "/facilities", Map.of("siteId", site, "kind", "SWIMMING_POOL", "name", "x", "capacity", 1, "inUse", 0))
                .statusCode(400);
        post("township.b", "/facilities", Map.of("siteId", site, "kind", "CLINIC", "name", "x", "capacity", 1, "inUse", 0))
                .statusCode(404);
        String care = post("county.admin", "/facilities", Map.of("siteId", site, "kind", "ELDERLY_CARE", "name", "日间照料中心",
                "capacity", 30, "inUse", 12)).statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "capacity", 30, "inUse", 34)).put("/api/community/public-services/facilities/" + care + "/use")
                .then().statusCode(200).body("overCapacity", equalTo(true)).body("available", equalTo(-4));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "capacity", 30, "inUse", 10)).put("/api/community/public-services/facilities/" + care + "/use")
                .then().statusCode(409);
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/public-services/facilities?overCapacity=true&siteCode=" + code)
                .then().statusCode(200).body("items.id", equalTo(List.of(care)));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/public-services/facilities?kind=PRIMARY_SCHOOL&siteCode=" + code)
                .then().statusCode(200).body("items.id", equalTo(List.of(school)));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/public-services/facilities?siteCode=" + code)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theLeftBehindAreListedVisitedAndExported() throws Exception {
        String code = TestIds.code("XG-LJ");
        String site = site(code, "360732100");
        int childYear = LocalDate.now().getYear() - 9;
        JsonPath h = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("CARE"), "siteId", site, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(
                                Map.of("idNumber", TestIds.citizenId(1951, 3, 18, false), "name", "刘冬梅", "relationship", "HEAD",
                                        "labourCapacity", "NONE", "employmentStatus", "NOT_APPLICABLE"),
                                Map.of("idNumber", TestIds.citizenId(childYear, 5, 2, true), "name", "刘子轩", "relationship", "GRANDCHILD",
                                        "labourCapacity", "NONE", "employmentStatus", "STUDENT"))))
                .post("/api/community/households").then().statusCode(201).extract().jsonPath();
        String householdId = h.getString("id");
        String grandma = h.getString("members.find { it.name == '刘冬梅' }.id");
        String child = h.getString("members.find { it.name == '刘子轩' }.id");
        String today = LocalDate.now().toString();
        // the categories are checked against the person
        post("township.a", "/care", Map.of("personId", grandma, "category", "LEFT_BEHIND_CHILD", "listedOn", today)).statusCode(422)
                .body("type", equalTo("https://resettle.cn/problems/care-category"));
        post("township.a", "/care", Map.of("personId", child, "category", "LEFT_BEHIND_WOMAN", "listedOn", today)).statusCode(422);
        String childCare = post("township.a", "/care", Map.of("personId", child, "category", "LEFT_BEHIND_CHILD", "carer", "祖母 刘冬梅",
                "needs", "父母在广东务工，需课后辅导", "listedOn", LocalDate.now().minusDays(40).toString())).statusCode(201)
                .body("age", equalTo(java.time.Period.between(LocalDate.of(childYear, 5, 2), LocalDate.now()).getYears()))
                .body("visitDue", equalTo(true)).extract().path("id");
        String elderCare = post("township.a", "/care", Map.of("personId", grandma, "category", "LEFT_BEHIND_ELDERLY", "listedOn", today))
                .statusCode(201).body("visitDue", equalTo(false)).extract().path("id");
        post("township.a", "/care", Map.of("personId", child, "category", "LEFT_BEHIND_CHILD", "listedOn", today)).statusCode(409);
        post("township.b", "/care", Map.of("personId", child, "category", "LEFT_BEHIND_CHILD", "listedOn", today)).statusCode(404);

        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/public-services/care?visitDue=true&siteCode=" + code)
                .then().statusCode(200).body("items.id", equalTo(List.of(childCare)));
        post("township.a", "/care/" + childCare + "/visits", Map.of("visitedOn", today, "visitor", "网格员 黄小红",
                "situation", "学习情况良好，祖母身体尚可", "helpGiven", "送学习用品")).statusCode(201);
        post("township.a", "/care/" + childCare + "/visits", Map.of("visitedOn", LocalDate.now().plusDays(1).toString(), "visitor", "x",
                "situation", "y")).statusCode(400).body("violations.field", hasItem("visitedOn"));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/public-services/care?visitDue=true&siteCode=" + code)
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/public-services/care/" + childCare + "/visits")
                .then().statusCode(200).body("items[0].helpGiven", equalTo("送学习用品"));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/public-services/care/" + childCare + "/visits")
                .then().statusCode(404);
        // the care list names people: no ID number, no birth date
        String list = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/public-services/care?siteCode=" + code).then().statusCode(200)
                .body("total", equalTo(2)).extract().asString();
        assertTrue(!list.contains("idNumber") && !list.contains("birthDate"), list);

        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/community/public-services/care/ledger.xlsx?siteCode=" + code).then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size());
            assertEquals("留守儿童", rows.stream().skip(1).map(r -> r.getCellText(2)).sorted().collect(Collectors.toList()).get(0));
            assertTrue(rows.stream().anyMatch(r -> r.getCellText(3).equals("刘子轩") && r.getCellText(10).equals("1")));
        }
        post("township.a", "/care/" + elderCare + "/end", Map.of("version", 0, "endedOn", today, "reason", "子女返乡就近就业"))
                .statusCode(200).body("endedOn", equalTo(today));
        post("township.a", "/care/" + elderCare + "/visits", Map.of("visitedOn", today, "visitor", "x", "situation", "y")).statusCode(422);
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/public-services/care?siteCode=" + code)
                .then().body("items.id", not(hasItem(elderCare)));
        given().header("Authorization", Tokens.bearer("auditor.a")).queryParam("householdId", householdId)
                .get("/api/community/audit").then().statusCode(200).body("items.subjectType", hasItem("care-person"))
                .body("items.action", hasItem("EXPORT"));
    }
}
