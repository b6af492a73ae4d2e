package cn.resettle.employment.jobs;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.testing.TestIds;
import cn.resettle.employment.labour.LabourRegistryTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.resettle.employment.jobs.Fixtures.SITE_A;
import static cn.resettle.employment.jobs.Fixtures.SITE_B;
import static cn.resettle.employment.jobs.Fixtures.TOWNSHIP_A;
import static cn.resettle.employment.jobs.Fixtures.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Employers, postings, 送岗进点 and the site job board, closing when filled, closed or expired. */
@QuarkusTest
class PostingsTest {

    @Inject
    EntityManager em;

    @BeforeAll
    static void sites() {
        Fixtures.sites();
    }

    @Test
    void employersAreRegisteredInTheirRegionOnce() {
        String emp = bearer("emp.officer");
        String credit = "91360732MA" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode()) % 100_000_000);
        Map<String, Object> body = Map.of("name", "兴国县赣南脐橙合作社", "kind", "ENTERPRISE", "regionCode", TOWNSHIP_A, "creditCode", credit);
        String id = given().header("Authorization", emp).contentType(ContentType.JSON).body(body).post("/api/employment/employers")
                .then().statusCode(201).header("Location", containsString("/api/employment/employers/"))
                .body("kindLabel", equalTo("企业")).extract().path("id");
        given().header("Authorization", emp).contentType(ContentType.JSON).body(body).post("/api/employment/employers")
                .then().statusCode(409).body("violations[0].field", equalTo("creditCode"));
        given().header("Authorization", bearer("township.b")).contentType(ContentType.JSON)
                .body(Map.of("name", "某企业", "kind", "ENTERPRISE", "regionCode", TOWNSHIP_A)).post("/api/employment/employers")
                .then().statusCode(403);
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("name", "某企业", "kind", "FACTORY", "regionCode", TOWNSHIP_A)).post("/api/employment/employers")
                .then().statusCode(400);
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("name", "某企业", "kind", "ENTERPRISE", "regionCode", "36x")).post("/api/employment/employers")
                .then().statusCode(400).body("violations[0].field", containsString("regionCode"));
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/employers/" + id).then().statusCode(200);
        given().header("Authorization", bearer("resident.a1")).get("/api/employment/employers/" + id).then().statusCode(403);
    }

    @Test
    void aPostingIsPublishedToSitesShownOnTheirBoardsAndLeavesThemWhenClosed() {
        String emp = bearer("emp.officer");
        String employer = Fixtures.employer(emp, "兴国县电子厂", "ENTERPRISE", TOWNSHIP_A);

        Map<String, Object> bad = Fixtures.posting(employer, "电工", "ELECTRICIAN", TOWNSHIP_A, 2, false, false, List.of(SITE_A));
        bad.put("wageMax", 1000);
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/postings")
                .then().statusCode(422).body("violations[0].field", equalTo("wageMax"));
        bad = Fixtures.posting(employer, "电工", "SPARKY", TOWNSHIP_A, 2, false, false, List.of(SITE_A));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/postings")
                .then().statusCode(422).body("type", containsString("unknown-skill")).body("violations[0].field", equalTo("occupation"));
        bad = Fixtures.posting(employer, "电工", "ELECTRICIAN", TOWNSHIP_A, 2, false, false, List.of(SITE_A));
        bad.put("validUntil", LocalDate.now().minusDays(1).toString());
        bad.put("validFrom", LocalDate.now().minusDays(9).toString());
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/postings")
                .then().statusCode(422).body("violations[0].field", equalTo("validUntil"));
        bad = Fixtures.posting(employer, "电工", "ELECTRICIAN", TOWNSHIP_A, 0, false, false, List.of(SITE_A));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/postings")
                .then().statusCode(400).body("violations[0].field", containsString("openings"));
        bad = Fixtures.posting(employer, "电工", "ELECTRICIAN", TOWNSHIP_A, 2, false, false, List.of("XG-NOWHERE-9"));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(bad).post("/api/employment/postings")
                .then().statusCode(422).body("type", containsString("unknown-site"));

        String posting = Fixtures.create(emp, Fixtures.posting(employer, "电子厂电工", "ELECTRICIAN", TOWNSHIP_A, 2, false, false, List.of(SITE_A)));
        given().header("Authorization", emp).get("/api/employment/postings/" + posting).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("statusLabel", equalTo("招聘中")).body("occupationLabel", equalTo("电工"))
                .body("siteCodes", equalTo(List.of(SITE_A)));

        // the site's board shows it to its own worker; the other site neither sees the posting nor that board
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/sites/" + SITE_A + "/jobs?size=200").then()
                .statusCode(200).body("items.id", hasItem(posting));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/sites/" + SITE_A + "/jobs").then().statusCode(404);
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/postings/" + posting).then().statusCode(404);

        // 送岗进点 to the second site: its worker sees it on the board
        int version = given().header("Authorization", emp).get("/api/employment/postings/" + posting).then().extract().path("version");
        int v0 = version;
        // (the second site may reach the registry copy a moment after the first)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() -> given().header("Authorization", emp)
                .contentType(ContentType.JSON).body(Map.of("version", v0, "siteCodes", List.of(SITE_B)))
                .post("/api/employment/postings/" + posting + "/publish").statusCode() == 200);
        given().header("Authorization", emp).get("/api/employment/postings/" + posting).then()
                .body("siteCodes", equalTo(List.of(SITE_B, SITE_A))); // in code order
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/sites/" + SITE_B + "/jobs?size=200").then()
                .body("items.id", hasItem(posting));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/postings?siteCode=" + SITE_B + "&size=200").then()
                .body("items.id", hasItem(posting));

        // a site worker publishes only to their own site
        given().header("Authorization", bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Fixtures.posting(employer, "站点招聘", "CLEANER", TOWNSHIP_A, 1, true, false, List.of(SITE_B)))
                .post("/api/employment/postings").then().statusCode(403);
        String own = Fixtures.create(bearer("worker.a1"), Fixtures.posting(employer, "站点保洁", "CLEANER", TOWNSHIP_A, 1, true, false, List.of(SITE_A)));
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/postings/" + own).then().statusCode(200)
                .body("createdBy", equalTo("worker.a1"));

        // closing: bureau only, current version only; a closed posting leaves the boards
        version = given().header("Authorization", emp).get("/api/employment/postings/" + posting).then().extract().path("version");
        given().header("Authorization", bearer("worker.a1")).contentType(ContentType.JSON).body(Map.of("version", version, "reason", "x"))
                .post("/api/employment/postings/" + posting + "/close").then().statusCode(403);
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("version", version + 5, "reason", "企业停招"))
                .post("/api/employment/postings/" + posting + "/close").then().statusCode(409).body("type", containsString("stale-version"));
        given().header("Authorization", emp).contentType(ContentType.JSON).body(Map.of("version", version, "reason", "企业停招"))
                .post("/api/employment/postings/" + posting + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedReason", equalTo("企业停招"));
        given().header("Authorization", bearer("worker.b1")).get("/api/employment/sites/" + SITE_B + "/jobs?size=200").then()
                .body("items.id", not(hasItem(posting)));
        given().header("Authorization", emp).get("/api/employment/postings?status=CLOSED&employerId=" + employer).then()
                .body("items.id", equalTo(List.of(posting)));
    }

    @Test
    void aPostingPastItsValidityReadsExpiredAndOneFilledClosesItself() {
        String emp = bearer("emp.officer");
        String employer = Fixtures.employer(emp, "潋江帮扶车间", "WORKSHOP", TOWNSHIP_A);
        String expiring = Fixtures.create(emp, Fixtures.posting(employer, "来料加工", "HANDICRAFT", TOWNSHIP_A, 3, true, true, List.of(SITE_A)));
        // the day after its last valid day
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update job_posting set valid_from = current_date - 30, "
                + "valid_until = current_date - 1 where id = cast(?1 as uuid)").setParameter(1, expiring).executeUpdate());
        given().header("Authorization", emp).get("/api/employment/postings/" + expiring).then()
                .body("status", equalTo("EXPIRED")).body("statusLabel", equalTo("已过期"));
        given().header("Authorization", bearer("worker.a1")).get("/api/employment/sites/" + SITE_A + "/jobs?size=200").then()
                .body("items.id", not(hasItem(expiring)));
        given().header("Authorization", emp).get("/api/employment/postings?status=EXPIRED&employerId=" + employer).then()
                .body("items.id", equalTo(List.of(expiring)));

        String one = Fixtures.create(emp, Fixtures.posting(employer, "车间包装工", "PACKING", TOWNSHIP_A, 1, true, false, List.of(SITE_A)));
        HouseholdSnapshot h = LabourRegistryTest.household(SITE_A, TOWNSHIP_A, Map.of(
                TestIds.citizenId(1979, 4, 4, false), "FULL", TestIds.citizenId(1981, 8, 8, true), "FULL"));
        UUID first = h.members().get(0).id();
        UUID second = h.members().get(1).id();
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("postingId", one, "since", LocalDate.now().toString(), "kind", "EMPLOYED_LOCAL"))
                .post("/api/employment/people/" + first + "/placement").then().statusCode(200);
        given().header("Authorization", emp).get("/api/employment/postings/" + one).then()
                .body("status", equalTo("FILLED")).body("filled", equalTo(1));
        given().header("Authorization", emp).get("/api/employment/labour/" + first).then()
                .body("employer", containsString("潋江帮扶车间")).body("employmentStatus", equalTo("EMPLOYED_LOCAL"));
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("postingId", one, "since", LocalDate.now().toString(), "kind", "EMPLOYED_LOCAL"))
                .post("/api/employment/people/" + second + "/placement").then().statusCode(422)
                .body("type", containsString("posting-not-open"));
    }
}
