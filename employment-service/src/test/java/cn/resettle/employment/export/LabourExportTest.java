package cn.resettle.employment.export;

import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.labour.LabourRegistryTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.resettle.employment.jobs.Fixtures.SITE_A;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_A;
import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labour export 劳务输出: an organised transfer is the person's placement outside the county; the return home ends it. */
@QuarkusTest
class LabourExportTest {

    static Map<String, Object> transfer(UUID person, String destinationCode, String employer) {
        Map<String, Object> b = new HashMap<>();
        b.put("personId", person);
        b.put("channel", "EAST_WEST");
        b.put("destination", "广东省东莞市长安镇");
        b.put("destinationCode", destinationCode);
        b.put("employer", employer);
        b.put("organisedBy", "兴国县人社局劳务输出专班");
        b.put("batch", "2026年春风行动第3批");
        b.put("pointToPoint", true);
        b.put("departedOn", LocalDate.now().minusDays(20).toString());
        b.put("monthlyWage", 5200);
        return b;
    }

    @Test
    void anOrganisedTransferIsAPlacementOutsideTheCountyUntilTheWorkerComesHome() throws Exception {
        String worker = bearer("worker.a1");
        String idNumber = TestIds.citizenId(1992, 6, 18, true);
        HouseholdSnapshot h = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(idNumber, "FULL"));
        UUID person = h.members().get(0).id();
        String base = "/api/employment/labour-exports";

        given().header("Authorization", worker).contentType(ContentType.JSON).body(transfer(person, "360732", "东莞市某电子厂"))
                .post(base).then().statusCode(422).body("violations[0].field", equalTo("destinationCode"));
        given().header("Authorization", worker).contentType(ContentType.JSON).body(transfer(person, "441900", null))
                .post(base).then().statusCode(400).body("violations[0].field", equalTo("employer"));
        Map<String, Object> badChannel = transfer(person, "441900", "东莞市某电子厂");
        badChannel.put("channel", "SMUGGLING");
        given().header("Authorization", worker).contentType(ContentType.JSON).body(badChannel).post(base).then().statusCode(400);
        given().header("Authorization", bearer("worker.b1")).contentType(ContentType.JSON).body(transfer(person, "441900", "东莞市某电子厂"))
                .post(base).then().statusCode(404);

        String id = given().header("Authorization", worker).contentType(ContentType.JSON).body(transfer(person, "441900", "东莞市某电子厂"))
                .post(base).then().statusCode(201).body("status", equalTo("ACTIVE")).body("channelLabel", equalTo("东西部劳务协作"))
                .body("idNumber", equalTo(h.members().get(0).idNumberMasked())).extract().path("id");
        given().header("Authorization", worker).contentType(ContentType.JSON).body(transfer(person, "441900", "东莞市另一厂"))
                .post(base).then().statusCode(409).body("type", containsString("already-placed"));
        // the person is on the transfer list, and the placement is announced
        given().header("Authorization", worker).get("/api/employment/labour/" + person).then()
                .body("employmentStatus", equalTo("EMPLOYED_OUTSIDE")).body("workplace", equalTo("广东省东莞市长安镇"));
        given().header("Authorization", worker).get("/api/employment/labour?list=TRANSFER&size=200&householdId=" + h.id()).then()
                .body("items.personId", hasItem(person.toString()));
        JsonNode started = TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals(EmploymentEvents.PLACEMENT_STARTED)
                && e.path("data").path("personId").asText().equals(person.toString()));
        assertEquals("EMPLOYED_OUTSIDE", started.path("data").path("kind").asText());

        // the ledger: scoped, filtered, as Excel
        given().header("Authorization", worker).get(base + "?personId=" + person).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].destination", equalTo("广东省东莞市长安镇"));
        given().header("Authorization", bearer("worker.b1")).get(base + "?personId=" + person).then().body("total", equalTo(0));
        given().header("Authorization", bearer("worker.b1")).get(base + "/" + id).then().statusCode(404);
        given().header("Authorization", worker).get(base + "?departedFrom=yesterday").then().statusCode(400)
                .body("violations[0].field", equalTo("departedFrom"));
        given().header("Authorization", worker).get(base + "?channel=SMUGGLING").then().statusCode(400)
                .body("violations[0].field", equalTo("channel"));
        byte[] xlsx = given().header("Authorization", worker).get(base + "/export.xlsx?status=ACTIVE").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertTrue(rows.stream().anyMatch(r -> h.householdNo().equals(r.getCellText(0)) && "东西部劳务协作".equals(r.getCellText(5))));
            assertTrue(rows.stream().noneMatch(r -> idNumber.equals(r.getCellText(4))), "no clear ID number");
        }

        // home because of a flood: the placement ends, monitoring hears the household has nobody employed
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "returnedOn", LocalDate.now().minusDays(21).toString(), "reason", "DISASTER"))
                .post(base + "/" + id + "/return").then().statusCode(422).body("violations[0].field", equalTo("returnedOn"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "returnedOn", LocalDate.now().toString(), "reason", "DISASTER", "note", "洪灾返乡"))
                .post(base + "/" + id + "/return").then().statusCode(200).body("status", equalTo("RETURNED"))
                .body("returnReasonLabel", equalTo("受灾返乡"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 1, "returnedOn", LocalDate.now().toString(), "reason", "DISASTER"))
                .post(base + "/" + id + "/return").then().statusCode(409).body("type", containsString("already-returned"));
        given().header("Authorization", worker).get("/api/employment/labour/" + person).then().body("employmentStatus", equalTo("UNEMPLOYED"));
        JsonNode lost = TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals(EmploymentEvents.JOB_LOST)
                && e.path("data").path("personId").asText().equals(person.toString()));
        assertTrue(lost.path("data").path("householdWithoutEmployment").asBoolean());
    }
}
