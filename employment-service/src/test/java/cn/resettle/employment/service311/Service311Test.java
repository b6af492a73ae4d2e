package cn.resettle.employment.service311;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.jobs.Fixtures;
import cn.resettle.employment.labour.LabourRegistryTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** "311": three job offers, one career guidance and one training offer a year per unemployed worker, and the short list. */
@QuarkusTest
class Service311Test {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @BeforeAll
    static void sites() {
        Fixtures.sites();
    }

    @Test
    void aWorkerLeavesTheShortListWithThreeOffersAGuidanceAndATrainingOffer() {
        String worker = bearer("worker.a1");
        String emp = bearer("emp.officer");
        HouseholdSnapshot h = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(TestIds.citizenId(1991, 11, 11, false), "FULL"));
        UUID person = h.members().get(0).id();
        int year = Year.now().getValue();
        String shortList = "/api/employment/service-311?shortOnly=true&size=200&siteCode=" + SITE_A + "&year=" + year;

        given().header("Authorization", worker).get(shortList).then().statusCode(200)
                .body("items.find { it.personId == '" + person + "' }.jobOffers", equalTo(0))
                .body("items.find { it.personId == '" + person + "' }.missing.size()", equalTo(3));

        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("kind", "GUIDANCE", "servedOn", LocalDate.now().toString(), "note", "职业指导：电商直播"))
                .post("/api/employment/labour/" + person + "/services").then().statusCode(201).body("kindLabel", equalTo("职业指导"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("kind", "TRAINING_OFFER", "servedOn", LocalDate.now().toString()))
                .post("/api/employment/labour/" + person + "/services").then().statusCode(201);
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("kind", "JOB_OFFER", "servedOn", LocalDate.now().toString(), "note", "招聘会推荐"))
                .post("/api/employment/labour/" + person + "/services").then().statusCode(201);
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("kind", "PARTY", "servedOn", LocalDate.now().toString()))
                .post("/api/employment/labour/" + person + "/services").then().statusCode(400);
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("kind", "GUIDANCE", "servedOn", LocalDate.now().plusDays(2).toString()))
                .post("/api/employment/labour/" + person + "/services").then().statusCode(400)
                .body("violations[0].field", containsString("servedOn"));
        given().header("Authorization", bearer("worker.b1")).contentType(ContentType.JSON)
                .body(Map.of("kind", "GUIDANCE", "servedOn", LocalDate.now().toString()))
                .post("/api/employment/labour/" + person + "/services").then().statusCode(404);
        given().header("Authorization", worker).get(shortList).then()
                .body("items.find { it.personId == '" + person + "' }.jobOffers", equalTo(1))
                .body("items.find { it.personId == '" + person + "' }.missing", equalTo(List.of("岗位信息还差 2 个")));

        // two offers through matching make three
        String employer = Fixtures.employer(emp, "兴国县服装厂", "ENTERPRISE", TOWNSHIP_A);
        for (String title : List.of("缝纫工", "包装工")) {
            String posting = Fixtures.create(emp, Fixtures.posting(employer, title, "SEWING", TOWNSHIP_A, 5, true, false, List.of(SITE_A)));
            given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", person, "postingId", posting))
                    .post("/api/employment/recommendations").then().statusCode(201);
        }
        given().header("Authorization", worker).get(shortList).then().body("items.personId", not(hasItem(person.toString())));
        given().header("Authorization", worker).get("/api/employment/service-311?size=200&siteCode=" + SITE_A).then()
                .body("items.find { it.personId == '" + person + "' }.complete", equalTo(true))
                .body("items.find { it.personId == '" + person + "' }.jobOffers", equalTo(3));
        given().header("Authorization", worker).get("/api/employment/labour/" + person + "/services").then()
                .body("size()", equalTo(3));
        // reading a person's services is a read of personal data: audited with the household
        List<?> audited = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select action from audit_log where actor = 'worker.a1' and subject_type = 'service-311' "
                        + "and cast(?1 as uuid) = any(household_ids)").setParameter(1, h.id().toString()).getResultList());
        org.junit.jupiter.api.Assertions.assertTrue(audited.contains("READ"), "audited: " + audited);
        given().header("Authorization", worker).get("/api/employment/service-311?year=2999").then().statusCode(400)
                .body("violations[0].field", equalTo("year"));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/service-311?size=200").then()
                .body("items.personId", not(hasItem(person.toString())));
    }
}
