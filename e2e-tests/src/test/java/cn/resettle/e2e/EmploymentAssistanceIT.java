package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/**
 * Employment assistance end to end, through the gateway with real tokens: a visit finds income below the line →
 * monitoring's risk → employment's job-matching task → the task offers a posting published to the household's site →
 * the offer → a placement → the task completes and monitoring's measure is DONE → the site's employment coverage
 * rises.
 */
class EmploymentAssistanceIT {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void lowIncomeBecomesAJobAndTheSitesCoverageRises() {
        String emp = Tokens.bearer("emp.officer");
        String admin = Tokens.bearer("county.admin");
        // a site of its own, so its coverage counts only this household
        String siteCode = "XG-E2E-" + TestIds.code("").replaceAll("[^A-Z0-9]", "");
        String siteId = RegistryAcrossServicesIT.site(siteCode, "360732101");
        String head = TestIds.citizenId(1986, 4, 20, true);
        var created = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("EMP"), "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(
                                Map.of("idNumber", head, "name", "钟小明", "relationship", "HEAD", "labourCapacity", "FULL",
                                        "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(201).extract();
        String household = created.path("id");
        String person = created.path("members[0].id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/registry/households/" + household).then().statusCode(200));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/monitoring/registry/households/" + household).then().statusCode(200));

        given().header("Authorization", emp).get("/api/employment/coverage?siteCode=" + siteCode).then().statusCode(200)
                .body("[0].householdsWithLabour", equalTo(1)).body("[0].householdsEmployed", equalTo(0));
        given().header("Authorization", emp).get("/api/employment/coverage/work-list?siteCode=" + siteCode).then()
                .body("items.householdId", hasItem(household));

        // the site records the worker's skill and wish
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("skills", List.of("ELECTRICIAN"), "wishToWork", true, "trainingWish", false))
                .put("/api/employment/labour/" + person).then().statusCode(200);

        // a visit finds income below the line: monitoring flags it, employment gets a job-matching task
        YearMonth month = YearMonth.now().minusMonths(1);
        String risk = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("householdId", household, "visitMonth", month.toString(), "visitedOn", month.atDay(6).toString(),
                        "perCapitaIncome", 4800))
                .post("/api/monitoring/visits").then().statusCode(201).extract().path("risks[0].id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + risk + "&kind=JOB_MATCHING")
                        .then().body("total", equalTo(1)));
        String task = given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + risk + "&kind=JOB_MATCHING")
                .then().extract().path("items[0].id");

        // the bureau posts a job at the site (送岗进点); the task offers it
        String employer = given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("name", "兴国县长冈工业园电子厂" + TestIds.code(""), "kind", "ENTERPRISE", "regionCode", "360732101"))
                .post("/api/employment/employers").then().statusCode(201).extract().path("id");
        Map<String, Object> posting = new HashMap<>();
        posting.put("employerId", employer);
        posting.put("title", "电子厂电工");
        posting.put("occupation", "ELECTRICIAN");
        posting.put("regionCode", "360732101");
        posting.put("wageMin", 3500);
        posting.put("wageMax", 5000);
        posting.put("openings", 2);
        posting.put("suitableForWeak", false);
        posting.put("homeBased", false);
        posting.put("validFrom", LocalDate.now().toString());
        posting.put("validUntil", LocalDate.now().plusMonths(1).toString());
        posting.put("siteCodes", List.of(siteCode));
        String[] postingId = new String[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> { // the new site reaches employment's registry copy
            var r = given().header("Authorization", emp).contentType(ContentType.JSON).body(posting).post("/api/employment/postings");
            postingId[0] = r.statusCode() == 201 ? r.path("id") : null;
            return postingId[0] != null;
        });
        given().header("Authorization", emp).get("/api/employment/tasks/" + task + "/matches").then().statusCode(200)
                .body("[0].personId", equalTo(person)).body("[0].postings[0].postingId", equalTo(postingId[0]))
                .body("[0].postings[0].score", greaterThan(0));
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", person, "postingId", postingId[0], "taskId", task))
                .post("/api/employment/recommendations").then().statusCode(201).body("status", equalTo("OFFERED"));

        // placed: the task completes, monitoring's measure is done, the site's coverage rises
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("personId", person, "postingId", postingId[0], "kind", "EMPLOYED_LOCAL",
                        "startedOn", LocalDate.now().toString(), "monthlyWage", 4200, "contract", "FIXED_TERM"))
                .post("/api/employment/placements").then().statusCode(201);
        given().header("Authorization", emp).get("/api/employment/tasks/" + task).then().body("status", equalTo("COMPLETED"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin).get("/api/monitoring/risks/" + risk).then()
                        .body("measures.find { it.domain == 'employment' }.status", equalTo("DONE")));
        given().header("Authorization", emp).get("/api/employment/coverage?siteCode=" + siteCode).then()
                .body("[0].householdsEmployed", equalTo(1)).body("[0].rate", equalTo(1.0f));
        given().header("Authorization", emp).get("/api/employment/coverage/work-list?siteCode=" + siteCode).then()
                .body("total", equalTo(0));
    }

    /**
     * Training, labour export, subsidies and monitoring's employment changes through the gateway with real tokens, each
     * in the scope the issue asks: the site worker their site, the bureau the county, a resident their own household.
     */
    @Test
    void trainingLabourExportAndSubsidiesAreScopedAndMonitoringSeesTheTransfer() {
        String worker = Tokens.bearer("worker.a1");          // site XG-LJ-001
        String emp = Tokens.bearer("emp.officer");           // the county's employment bureau
        String resident = Tokens.bearer("resident.a1");      // household XG-H-0001 at XG-LJ-001
        String own = CommunityGovernanceIT.household("XG-H-0001");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/registry/households/" + own).then().statusCode(200));
        String member = given().header("Authorization", emp).get("/api/employment/registry/households/" + own).then()
                .extract().path("members[0].id");

        // the site worker holds a session at their site and trains the resident's household member
        Map<String, Object> session = new HashMap<>();
        session.put("title", "潋江安置点家政服务培训班");
        session.put("kind", "SKILL");
        session.put("provider", "兴国县就业训练中心");
        session.put("siteCode", "XG-LJ-001");
        session.put("startsOn", LocalDate.now().minusDays(2).toString());
        session.put("endsOn", LocalDate.now().plusDays(5).toString());
        session.put("skills", List.of("HOUSEKEEPING"));
        session.put("capacity", 40);
        String[] sessionId = new String[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> { // the site reaches employment's registry copy
            var r = given().header("Authorization", worker).contentType(ContentType.JSON).body(session).post("/api/employment/trainings");
            sessionId[0] = r.statusCode() == 201 ? r.path("id") : null;
            return sessionId[0] != null;
        });
        session.put("siteCode", "XG-CG-001");
        given().header("Authorization", worker).contentType(ContentType.JSON).body(session).post("/api/employment/trainings")
                .then().statusCode(anyOf(equalTo(403), equalTo(422)));
        String enrolment = given().header("Authorization", worker).contentType(ContentType.JSON).body(Map.of("personId", member))
                .post("/api/employment/trainings/" + sessionId[0] + "/enrolments").then().statusCode(201).extract().path("id");
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("day", LocalDate.now().minusDays(1).toString(), "personIds", List.of(member)))
                .post("/api/employment/trainings/" + sessionId[0] + "/attendance").then().statusCode(200);
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "completedOn", LocalDate.now().toString(), "certificateNo", "XG-JZ-2026-0017"))
                .post("/api/employment/trainings/" + sessionId[0] + "/enrolments/" + enrolment + "/complete").then().statusCode(200)
                .body("skillsGained", equalTo(List.of("HOUSEKEEPING")));
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/employment/trainings/" + sessionId[0]).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/employment/trainings/enrolments?personId=" + member)
                .then().statusCode(200).body("total", equalTo(0));
        // the resident sees their own household's training and offers, nothing of the staff lists
        given().header("Authorization", resident).get("/api/employment/my/trainings?size=200").then().statusCode(200)
                .body("items.id", hasItem(enrolment)).body("items.householdNo", everyItem(equalTo("XG-H-0001")));
        given().header("Authorization", resident).get("/api/employment/my/offers?size=200").then().statusCode(200)
                .body("items.householdNo", everyItem(equalTo("XG-H-0001")));
        given().header("Authorization", resident).get("/api/employment/trainings/enrolments").then().statusCode(403);
        given().header("Authorization", resident).get("/api/employment/subsidies/retention").then().statusCode(403);
        given().header("Authorization", emp).get("/api/employment/trainings/sites?year=" + LocalDate.now().getYear() + "&size=200")
                .then().statusCode(200).body("items.find { it.siteCode == 'XG-LJ-001' }.hasSession", equalTo(true));

        // the bureau organises a transfer to Guangdong; monitoring keeps the start and, after the return, the end
        var created = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("EXP"), "siteId", RegistryAcrossServicesIT.site("XG-LJ-001", "360732100"),
                        "relocationType", "POVERTY", "placementType", "CENTRALIZED", "members", List.of(
                                Map.of("idNumber", TestIds.citizenId(1994, 7, 7, true), "name", "谢志强", "relationship", "HEAD",
                                        "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(201).extract();
        String household = created.path("id");
        String person = created.path("members[0].id");
        String h = household;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/registry/households/" + h).then().statusCode(200));
        Map<String, Object> transfer = new HashMap<>();
        transfer.put("personId", person);
        transfer.put("channel", "EAST_WEST");
        transfer.put("destination", "广东省深圳市宝安区");
        transfer.put("destinationCode", "440306");
        transfer.put("employer", "深圳市某电子有限公司");
        transfer.put("organisedBy", "兴国县人社局");
        transfer.put("pointToPoint", true);
        transfer.put("departedOn", LocalDate.now().minusDays(10).toString());
        String export = given().header("Authorization", emp).contentType(ContentType.JSON).body(transfer)
                .post("/api/employment/labour-exports").then().statusCode(201).extract().path("id");
        given().header("Authorization", emp).get("/api/employment/labour-exports/export.xlsx?status=ACTIVE").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/employment/labour-exports/" + export).then().statusCode(404);
        given().header("Authorization", emp).contentType(ContentType.JSON)
                .body(Map.of("version", 0, "returnedOn", LocalDate.now().toString(), "reason", "CONTRACT_ENDED"))
                .post("/api/employment/labour-exports/" + export + "/return").then().statusCode(200).body("status", equalTo("RETURNED"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("township.a")).get("/api/monitoring/employment-changes?householdId=" + h)
                        .then().statusCode(200).body("total", equalTo(2)).body("items.change", equalTo(List.of("ENDED", "STARTED")))
                        .body("items[1].kind", equalTo("EMPLOYED_OUTSIDE")));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/monitoring/employment-changes?householdId=" + h)
                .then().statusCode(200).body("total", equalTo(0));

        // subsidies: the rules and the eligible lists for the bureau
        given().header("Authorization", emp).get("/api/employment/subsidies/rules").then().statusCode(200)
                .body("retentionMonths", equalTo(12));
        given().header("Authorization", emp).get("/api/employment/subsidies/retention").then().statusCode(200);
        given().header("Authorization", emp).get("/api/employment/subsidies/incubator.xlsx").then().statusCode(200);
    }
}
