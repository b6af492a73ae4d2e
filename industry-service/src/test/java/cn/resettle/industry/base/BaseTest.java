package cn.resettle.industry.base;

import cn.resettle.common.testing.Tokens;
import cn.resettle.industry.IndustryFixtures;
import cn.resettle.industry.IndustryFixtures.Household;
import cn.resettle.industry.IndustryFixtures.M;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class BaseTest {

    static final String OFFICER = "ind.officer";

    static Map<String, Object> base(String site, String name) {
        return new HashMap<>(Map.of("kind", "BASE", "name", name, "siteCode", site, "industry", "脐橙种植",
                "areaMu", 1200.5, "investment", 8600000, "enterprises", 3, "jobs", 150, "establishedOn", "2021-09-01"));
    }

    static String create(String user, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/industry/bases").then().statusCode(201).extract().path("id");
    }

    @Test
    void aBaseEmploysAndLinksHouseholdsAndTheLedgerListsIt() throws Exception {
        String site = IndustryFixtures.site("潋江镇脐橙产业安置点");
        Household worker = IndustryFixtures.household(site, new M("钟林生", "UNEMPLOYED"), new M("刘春梅", "FARMING"));
        Household grower = IndustryFixtures.household(site, new M("陈水根", "FARMING"));
        String b = create("township.a", base(site, "潋江镇万亩脐橙产业基地"));

        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("personId", worker.people().get(0), "relation", "EMPLOYED", "since", "2022-03-01", "annualIncome", 28000))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(201)
                .body("householdId", equalTo(worker.id().toString())).body("relationLabel", equalTo("基地务工"))
                .body("linkId", notNullValue());
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("personId", worker.people().get(0), "relation", "EMPLOYED", "since", "2022-04-01"))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(409).body("type", containsString("already-working"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("householdId", grower.id(), "relation", "ORDER_FARMING", "since", "2022-05-01", "annualIncome", 12000))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(201);
        // an employed tie names the person; the others do not
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("householdId", grower.id(), "relation", "EMPLOYED", "since", "2022-05-01"))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(400).body("violations.field", hasItem("personId"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("householdId", grower.id(), "relation", "LAND_IN", "since", "2020-05-01"))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(400).body("violations.field", hasItem("since"));

        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/bases/" + b).then().statusCode(200)
                .body("relocatedWorkersEmployed", equalTo(1)).body("householdsLinked", equalTo(2))
                .body("areaMu", equalTo(1200.5f)).body("kindLabel", equalTo("产业基地"));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/links?householdId=" + grower.id()).then()
                .body("items.kind", hasItem("INDUSTRY_BASE"));
        String row = given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/bases/" + b + "/households?relation=EMPLOYED")
                .then().statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");

        // the worker leaves: counted no more, still listed with includeEnded
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("until", "2025-10-31", "reason", "外出务工")).post("/api/industry/bases/" + b + "/households/" + row + "/ended")
                .then().statusCode(200).body("until", equalTo("2025-10-31"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("until", "2025-11-30", "reason", "外出务工")).post("/api/industry/bases/" + b + "/households/" + row + "/ended")
                .then().statusCode(409);
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/bases/" + b).then()
                .body("relocatedWorkersEmployed", equalTo(0)).body("householdsLinked", equalTo(1));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/bases/" + b + "/households?includeEnded=true")
                .then().body("total", equalTo(2));

        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a")).get("/api/industry/bases/ledger.xlsx?siteCode=" + site)
                .then().statusCode(200).contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size(), "header + one base");
            assertEquals("潋江镇万亩脐橙产业基地", rows.get(1).getCellText(0));
            assertEquals("脐橙种植", rows.get(1).getCellText(5));
            assertEquals("1", rows.get(1).getCellText(12));
        }
    }

    @Test
    void rolesScopeAndBadInputAreProblems() {
        String site = IndustryFixtures.site("潋江镇园区安置点");
        String b = create(OFFICER, base(site, "潋江镇电子产业园"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(base(site, "潋江镇电子产业园"))
                .post("/api/industry/bases").then().statusCode(409).body("violations.field", hasItem("name"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("kind", "PARK", "name", "", "siteCode", site, "industry", "电子", "areaMu", -1, "investment", 1,
                        "enterprises", -2, "jobs", 10, "establishedOn", "2099-01-01"))
                .post("/api/industry/bases").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("name")).body("violations.field", hasItem("areaMu"))
                .body("violations.field", hasItem("enterprises")).body("violations.field", hasItem("establishedOn"));
        Map<String, Object> badKind = base(site, "农场");
        badKind.put("kind", "FARM");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(badKind)
                .post("/api/industry/bases").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON).body(base(site, "越界基地"))
                .post("/api/industry/bases").then().statusCode(400).body("violations.field", hasItem("siteCode"));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/bases/" + b).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/bases?siteCode=" + site).then()
                .statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/industry/bases/" + b).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON).body(base(site, "社工基地"))
                .post("/api/industry/bases").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("civil.officer")).get("/api/industry/bases").then().statusCode(403);
        given().get("/api/industry/bases").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("personId", UUID.randomUUID(), "relation", "EMPLOYED", "since", "2022-05-01"))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(404);
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/bases/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/bases?size=0").then().statusCode(400)
                .body("violations.field", hasItem("size"));
    }

    @Test
    void aHouseholdFromAnotherTownshipIsOnlyCountedForTheBasesTownship() {
        String site = IndustryFixtures.site("潋江镇跨镇基地安置点");
        String siteB = IndustryFixtures.site("高兴镇基地安置点", IndustryFixtures.TOWNSHIP_B);
        Household own = IndustryFixtures.household(site, new M("钟根发", "FARMING"));
        Household other = IndustryFixtures.household(siteB, IndustryFixtures.TOWNSHIP_B, new M("刘冬生", "UNEMPLOYED"));
        String b = create("county.admin", base(site, "潋江镇跨镇蔬菜产业基地"));
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdId", own.id(), "relation", "ORDER_FARMING", "since", "2022-05-01"))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(201);
        String otherTie = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("personId", other.people().get(0), "relation", "EMPLOYED", "since", "2022-05-01"))
                .post("/api/industry/bases/" + b + "/households").then().statusCode(201).extract().path("id");

        given().header("Authorization", Tokens.bearer("township.a")).get("/api/industry/bases/" + b + "/households")
                .then().statusCode(200).body("total", equalTo(1)).body("items.householdId", hasItem(own.id().toString()))
                .body("householdsOutsideScope", equalTo(1))
                .body(not(containsString(other.householdNo()))).body(not(containsString(other.id().toString())));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/industry/bases/" + b + "/households?relation=EMPLOYED")
                .then().statusCode(200).body("total", equalTo(0)).body("householdsOutsideScope", equalTo(1));
        assertEquals(0, auditedListsNaming("industry-base-household", other.id()), "only what was shown is audited");
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("until", "2024-01-10", "reason", "外出务工"))
                .post("/api/industry/bases/" + b + "/households/" + otherTie + "/ended").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/bases/" + b + "/households")
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/industry/bases/" + b + "/households")
                .then().body("total", equalTo(2)).body("householdsOutsideScope", equalTo(0));
    }

    /** Audit rows of a list read that named the household (read in industry's own database; the test runs inside the service). */
    static long auditedListsNaming(String subjectType, UUID household) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ((Number) io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                        .createNativeQuery("select count(*) from audit_log where action = 'LIST' and subject_type = ?1 "
                                + "and cast(?2 as uuid) = any(household_ids)")
                        .setParameter(1, subjectType).setParameter(2, household.toString()).getSingleResult()).longValue());
    }
}
