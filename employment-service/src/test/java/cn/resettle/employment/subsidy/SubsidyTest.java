package cn.resettle.employment.subsidy;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.jobs.Fixtures;
import cn.resettle.employment.labour.LabourRegistryTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.resettle.employment.jobs.Fixtures.SITE_A;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_A;
import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subsidies as configuration (003): the eligible cases computed from placements and incubator costs, never paid. */
@QuarkusTest
class SubsidyTest {

    static UUID person(int year, boolean male) {
        HouseholdSnapshot h = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(TestIds.citizenId(year, 3, 9, male), "FULL"));
        return h.members().get(0).id();
    }

    static void place(String token, UUID person, String employerId, String employer, String kind, LocalDate start) {
        var body = new java.util.HashMap<String, Object>();
        body.put("personId", person);
        if (employerId != null) {
            body.put("employerId", employerId);
        } else {
            body.put("employer", employer);
        }
        body.put("kind", kind);
        body.put("startedOn", start.toString());
        given().header("Authorization", token).contentType(ContentType.JSON).body(body).post("/api/employment/placements").then().statusCode(201);
    }

    @Test
    void anEmployerKeepingARelocatedWorkerAYearIsEligibleOnce() throws Exception {
        String emp = bearer("emp.officer");
        given().header("Authorization", emp).get("/api/employment/subsidies/rules").then().statusCode(200)
                .body("retentionMonths", equalTo(12)).body("retentionAmount", equalTo(1000))
                .body("incubatorShare", equalTo(0.5f)).body("incubatorYearlyCap", equalTo(10000)).body("incubatorYears", equalTo(3));
        String factory = Fixtures.employer(emp, "兴国县脐橙加工厂", "ENTERPRISE", TOWNSHIP_A);
        String posts = Fixtures.employer(emp, "潋江镇保洁公益岗", "PUBLIC_WELFARE", TOWNSHIP_A);
        UUID kept = person(1980, true);
        UUID recent = person(1983, false);
        UUID onPost = person(1968, true);
        place(emp, kept, factory, null, "EMPLOYED_LOCAL", LocalDate.now().minusMonths(13));
        place(emp, recent, factory, null, "EMPLOYED_LOCAL", LocalDate.now().minusMonths(6));
        place(emp, onPost, posts, null, "PUBLIC_WELFARE_POST", LocalDate.now().minusMonths(14));

        given().header("Authorization", emp).get("/api/employment/subsidies/retention?employerId=" + factory).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].personId", equalTo(kept.toString()))
                .body("items[0].amount", equalTo(1000)).body("items[0].stillEmployed", equalTo(true))
                .body("items[0].reachedOn", equalTo(LocalDate.now().minusMonths(13).plusMonths(12).toString()));
        // two months ago the year was not reached yet; a public-welfare post is not an employer's retention
        given().header("Authorization", emp).get("/api/employment/subsidies/retention?employerId=" + factory + "&asOf="
                + LocalDate.now().minusMonths(2)).then().body("total", equalTo(0));
        given().header("Authorization", emp).get("/api/employment/subsidies/retention?employerId=" + posts).then().body("total", equalTo(0));
        given().header("Authorization", emp).get("/api/employment/subsidies/retention?asOf=soon").then().statusCode(400)
                .body("violations[0].field", equalTo("asOf"));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/subsidies/retention?employerId=" + factory).then()
                .statusCode(200).body("total", equalTo(0));
        byte[] xlsx = given().header("Authorization", emp).get("/api/employment/subsidies/retention.xlsx?employerId=" + factory)
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals(0, new BigDecimal(rows.get(1).getCellText(10)).compareTo(BigDecimal.valueOf(1000)));
        }
    }

    @Test
    void anEntrepreneurInAnIncubatorGetsHalfTheCostsForThreeYearsCappedEachYear() throws Exception {
        String emp = bearer("emp.officer");
        UUID founder = person(1990, false);
        int year = Year.now().getValue() - 1;
        LocalDate entered = LocalDate.of(year - 3, 2, 1); // subsidised through January of `year`
        Map<String, Object> tenancy = Map.of("personId", founder, "incubator", "兴国县返乡创业孵化园", "business", "赣南脐橙电商",
                "enteredOn", entered.toString());
        given().header("Authorization", emp).contentType(ContentType.JSON).body(tenancy).post("/api/employment/subsidies/incubator/tenancies")
                .then().statusCode(422).body("type", containsString("not-an-entrepreneur"));
        place(emp, founder, null, "个体经营：赣南脐橙电商", "SELF_EMPLOYED", entered);
        given().header("Authorization", bearer("worker.a1")).contentType(ContentType.JSON).body(tenancy)
                .post("/api/employment/subsidies/incubator/tenancies").then().statusCode(403);
        String id = given().header("Authorization", emp).contentType(ContentType.JSON).body(tenancy)
                .post("/api/employment/subsidies/incubator/tenancies").then().statusCode(201)
                .body("subsidisedUntil", equalTo(LocalDate.of(year, 1, 31).toString())).extract().path("id");
        given().header("Authorization", emp).contentType(ContentType.JSON).body(tenancy)
                .post("/api/employment/subsidies/incubator/tenancies").then().statusCode(409);

        String costs = "/api/employment/subsidies/incubator/tenancies/" + id + "/costs";
        Map<String, Object> january = Map.of("month", year + "-01", "propertyFee", 5000, "sanitationFee", 1000, "rent", 20000, "utilities", 4000);
        given().header("Authorization", emp).contentType(ContentType.JSON).body(january).post(costs).then().statusCode(200)
                .body("monthsRecorded", equalTo(1));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(january).post(costs).then().statusCode(409)
                .body("type", containsString("cost-recorded"));
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("month", year + "-02", "propertyFee", 100, "sanitationFee", 50, "rent", 800, "utilities", 50)).post(costs)
                .then().statusCode(200);
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("month", (year - 3) + "-01", "propertyFee", 100, "sanitationFee", 50, "rent", 800, "utilities", 50)).post(costs)
                .then().statusCode(422).body("violations[0].field", equalTo("month"));
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("month", year + "-03", "propertyFee", -1, "sanitationFee", 0, "rent", 0, "utilities", 0)).post(costs)
                .then().statusCode(400).body("violations[0].field", containsString("propertyFee"));

        // January: half of 30 000 is 15 000, capped at 10 000; February is past the three years
        given().header("Authorization", emp).get("/api/employment/subsidies/incubator?size=200&year=" + year).then().statusCode(200)
                .body("items.find { it.tenancyId == '" + id + "' }.months", equalTo(1))
                .body("items.find { it.tenancyId == '" + id + "' }.costs", equalTo(30000.0f))
                .body("items.find { it.tenancyId == '" + id + "' }.uncapped", equalTo(15000.0f))
                .body("items.find { it.tenancyId == '" + id + "' }.amount", equalTo(10000.0f))
                .body("items.find { it.tenancyId == '" + id + "' }.capped", equalTo(true));
        given().header("Authorization", emp).get("/api/employment/subsidies/incubator?year=2999").then().statusCode(400)
                .body("violations[0].field", equalTo("year"));
        byte[] xlsx = given().header("Authorization", emp).get("/api/employment/subsidies/incubator.xlsx?year=" + year)
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertTrue(rows.stream().anyMatch(r -> "赣南脐橙电商".equals(r.getCellText(2))
                    && new BigDecimal(r.getCellText(11)).compareTo(BigDecimal.valueOf(10000)) == 0 && "是".equals(r.getCellText(12))));
        }
    }
}
