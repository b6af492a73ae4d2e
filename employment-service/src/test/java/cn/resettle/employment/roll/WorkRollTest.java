package cn.resettle.employment.roll;

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
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static cn.resettle.employment.jobs.Fixtures.SITE_A;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_A;
import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A public-welfare post's monthly roll: made from its placements, approved by another person, then locked. */
@QuarkusTest
class WorkRollTest {

    @Test
    void aMonthIsApprovedBySomeoneElseAndThenCannotChange() throws Exception {
        String emp = bearer("emp.officer");
        String admin = bearer("county.admin");
        String employer = Fixtures.employer(emp, "潋江镇护林员岗位", "PUBLIC_WELFARE", TOWNSHIP_A);
        HouseholdSnapshot h = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(TestIds.citizenId(1966, 2, 2, true), "WEAK"));
        YearMonth last = YearMonth.now().minusMonths(1);
        String placement = given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", h.members().get(0).id(), "employerId", employer, "kind", "PUBLIC_WELFARE_POST",
                        "startedOn", last.atDay(1).toString(), "monthlyWage", 800, "contract", "LABOUR_SERVICE"))
                .post("/api/employment/placements").then().statusCode(201).extract().path("id");

        String enterprise = Fixtures.employer(emp, "某企业", "ENTERPRISE", TOWNSHIP_A);
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("employerId", enterprise, "month", last.toString()))
                .post("/api/employment/rolls").then().statusCode(422).body("violations[0].field", equalTo("employerId"));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("employerId", employer, "month", "2026-13"))
                .post("/api/employment/rolls").then().statusCode(400).body("violations[0].field", containsString("month"));

        String roll = given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("employerId", employer, "month", last.toString()))
                .post("/api/employment/rolls").then().statusCode(201).body("status", equalTo("DRAFT"))
                .body("people", equalTo(1)).body("lines[0].placementId", equalTo(placement)).extract().path("id");
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("employerId", employer, "month", last.toString()))
                .post("/api/employment/rolls").then().statusCode(409).body("type", containsString("roll-exists"));

        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("version", 0, "days", 40, "amount", 800))
                .put("/api/employment/rolls/" + roll + "/lines/" + placement).then().statusCode(400);
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("version", 0, "days", 22, "amount", 800))
                .put("/api/employment/rolls/" + roll + "/lines/" + placement).then().statusCode(200)
                .body("totalDays", equalTo(22)).body("version", equalTo(1));
        // the maker cannot approve their own roll; another official can, and then it is locked
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("version", 1))
                .post("/api/employment/rolls/" + roll + "/approve").then().statusCode(422).body("type", containsString("four-eyes"));
        given().header("Authorization", emp).get("/api/employment/rolls/" + roll + "/roll.xlsx").then().statusCode(409);
        // an official who changed a line is one of its makers too
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("version", 1, "days", 22, "amount", 800))
                .put("/api/employment/rolls/" + roll + "/lines/" + placement).then().statusCode(200).body("version", equalTo(2));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("version", 2))
                .post("/api/employment/rolls/" + roll + "/approve").then().statusCode(422).body("type", containsString("four-eyes"));
        given().header("Authorization", bearer("township.a")).contentType(ContentType.JSON).body(Map.of("version", 2))
                .post("/api/employment/rolls/" + roll + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvedBy", equalTo("township.a"));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("version", 3, "days", 30, "amount", 900))
                .put("/api/employment/rolls/" + roll + "/lines/" + placement).then().statusCode(409).body("type", containsString("roll-locked"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("version", 3))
                .post("/api/employment/rolls/" + roll + "/approve").then().statusCode(409).body("type", containsString("roll-locked"));

        byte[] xlsx = given().header("Authorization", emp).get("/api/employment/rolls/" + roll + "/roll.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals("22", rows.get(1).getCellText(5));
            assertEquals(0, new java.math.BigDecimal(rows.get(1).getCellText(6)).compareTo(java.math.BigDecimal.valueOf(800)));
        }
        given().header("Authorization", bearer("township.b")).get("/api/employment/rolls/" + roll).then().statusCode(404);
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/rolls/" + roll).then().statusCode(403);
    }

    @Test
    void aTownshipOfficialSeesOnlyTheirTownshipsWorkersOnARoll() throws Exception {
        String emp = bearer("emp.officer");
        String employer = Fixtures.employer(emp, "潋江镇以工代赈道路项目", "WORK_RELIEF", TOWNSHIP_A);
        HouseholdSnapshot a = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(TestIds.citizenId(1972, 4, 4, true), "FULL"));
        HouseholdSnapshot b = LabourRegistryTest.household(Fixtures.SITE_B, Fixtures.TOWNSHIP_B, Map.of(TestIds.citizenId(1975, 5, 5, false), "FULL"));
        YearMonth last = YearMonth.now().minusMonths(1);
        String[] placements = new String[2];
        int i = 0;
        for (HouseholdSnapshot h : List.of(a, b)) {
            placements[i++] = given().header("Authorization", emp).contentType(ContentType.JSON)
                    .body(Map.of("personId", h.members().get(0).id(), "employerId", employer, "kind", "EMPLOYED_LOCAL",
                            "startedOn", last.atDay(3).toString(), "monthlyWage", 2400, "contract", "TASK"))
                    .post("/api/employment/placements").then().statusCode(201).extract().path("id");
        }
        String roll = given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("employerId", employer, "month", last.toString()))
                .post("/api/employment/rolls").then().statusCode(201).body("people", equalTo(2)).body("linesOutsideScope", equalTo(0))
                .extract().path("id");
        String township = bearer("township.a");
        given().header("Authorization", township).get("/api/employment/rolls/" + roll).then().statusCode(200)
                .body("people", equalTo(1)).body("lines.placementId", equalTo(List.of(placements[0])))
                .body("lines.personId", not(hasItem(b.members().get(0).id().toString())))
                .body("linesOutsideScope", equalTo(1));
        // a line of another township's worker does not exist for them; nor can they lock lines they cannot see
        given().header("Authorization", township).contentType(ContentType.JSON).body(Map.of("version", 0, "days", 20, "amount", 2000))
                .put("/api/employment/rolls/" + roll + "/lines/" + placements[1]).then().statusCode(404);
        given().header("Authorization", township).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/employment/rolls/" + roll + "/approve").then().statusCode(422).body("type", containsString("lines-outside-scope"));
        given().header("Authorization", bearer("county.admin")).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/employment/rolls/" + roll + "/approve").then().statusCode(200).body("status", equalTo("APPROVED"));
        byte[] xlsx = given().header("Authorization", township).get("/api/employment/rolls/" + roll + "/roll.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(2, wb.getFirstSheet().read().size(), "the header and the township's own worker");
        }
        byte[] all = given().header("Authorization", emp).get("/api/employment/rolls/" + roll + "/roll.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(all))) {
            assertEquals(3, wb.getFirstSheet().read().size(), "the county sees both workers");
        }
    }
}
