package cn.resettle.employment.coverage;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.labour.LabourRegistryTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 1户1人以上稳定就业: coverage per site/township/county and the work list move with placements. */
@QuarkusTest
class CoverageTest {

    static final String TOWNSHIP = "360732101";

    @Test
    void coverageRisesWithAPlacementAndTheWorkListShrinks() throws Exception {
        String emp = bearer("emp.officer");
        String site = "XG-CV-" + TestIds.code("").replaceAll("[^A-Z0-9]", "");
        Map<String, String> withLabour = new LinkedHashMap<>();
        withLabour.put(TestIds.citizenId(1983, 3, 3, true), "FULL");
        withLabour.put(TestIds.citizenId(1950, 5, 5, false), "NONE");
        HouseholdSnapshot seeking = LabourRegistryTest.household(site, TOWNSHIP, withLabour);
        HouseholdSnapshot other = LabourRegistryTest.household(site, TOWNSHIP, Map.of(TestIds.citizenId(1985, 1, 2, false), "WEAK"));
        LabourRegistryTest.household(site, TOWNSHIP, Map.of(TestIds.citizenId(1938, 9, 9, true), "NONE")); // no labour: not counted
        String q = "/api/employment/coverage?level=SITE&siteCode=" + site;

        given().header("Authorization", emp).get(q).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].code", equalTo(site))
                .body("[0].householdsWithLabour", equalTo(2)).body("[0].householdsEmployed", equalTo(0))
                .body("[0].householdsWithoutEmployment", equalTo(2)).body("[0].rate", equalTo(0.0f));
        given().header("Authorization", emp).get("/api/employment/coverage/work-list?siteCode=" + site).then()
                .body("total", equalTo(2)).body("items.householdId", hasItem(seeking.id().toString()))
                .body("items.find { it.householdId == '" + seeking.id() + "' }.membersWithLabour", equalTo(1));

        // one household gets someone into work: the rate rises, it leaves the work list
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", seeking.members().get(0).id(), "employer", "兴国县长冈乡茶厂", "kind", "EMPLOYED_LOCAL",
                        "startedOn", LocalDate.now().toString()))
                .post("/api/employment/placements").then().statusCode(201);
        given().header("Authorization", emp).get(q).then()
                .body("[0].householdsWithLabour", equalTo(2)).body("[0].householdsEmployed", equalTo(1))
                .body("[0].rate", equalTo(0.5f));
        given().header("Authorization", emp).get("/api/employment/coverage/work-list?siteCode=" + site).then()
                .body("total", equalTo(1)).body("items[0].householdId", equalTo(other.id().toString()))
                .body("items.householdId", not(hasItem(seeking.id().toString())));

        // the township and county levels hold the site's households
        given().header("Authorization", emp).get("/api/employment/coverage?level=TOWNSHIP&regionCode=" + TOWNSHIP).then()
                .body("code", equalTo(List.of(TOWNSHIP)));
        given().header("Authorization", emp).get("/api/employment/coverage?level=COUNTY").then()
                .body("code", equalTo(List.of("360732")));
        // a site worker of another site sees nothing of it
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/coverage?level=SITE").then()
                .body("code", not(hasItem(site)));
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/coverage/work-list?siteCode=" + site).then()
                .body("total", equalTo(0));
        given().header("Authorization", emp).get("/api/employment/coverage?level=PLANET").then().statusCode(400);

        byte[] xlsx = given().header("Authorization", emp).get("/api/employment/coverage/work-list.xlsx?siteCode=" + site).then()
                .statusCode(200).contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertTrue(rows.size() == 2 && rows.get(1).getCellText(0).equals(other.householdNo()), "one household on the work list");
        }
    }
}
