package cn.resettle.monitoring;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monitoring against the real broker and database: other services are played by publishing their events
 * (registry, task created/completed, job lost, hazard) on their topics.
 */
@QuarkusTest
class MonitoringTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    static final String SITE = "XG-LJ-001";
    static final String REGION = "360732100";
    static final YearMonth NOW = YearMonth.now();

    static boolean rulesSet;

    @BeforeEach
    void rules() {
        if (rulesSet) {
            return;
        }
        rulesSet = true;
        // this township: 7000 yuan line, two stable months before elimination
        for (int year : List.of(NOW.minusMonths(3).getYear(), NOW.getYear())) {
            Map<String, Object> body = new HashMap<>();
            body.put("regionCode", REGION);
            body.put("year", year);
            body.put("incomeLine", 7000);
            body.put("incomeDropRatio", 0.3);
            body.put("medicalExpenseThreshold", 20000);
            body.put("stableIncomeMonths", 2);
            body.put("declarationAckDays", 2);
            body.put("identificationWorkingDays", 20);
            body.put("publicNoticeDays", 5);
            given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON).body(body)
                    .put("/api/monitoring/rules").then().statusCode(200).body("stableIncomeMonths", equalTo(2));
        }
    }

    static UUID household(String householdNo, String labour) {
        UUID id = UUID.randomUUID();
        HouseholdSnapshot h = TestEvents.household(id, householdNo, SITE, REGION,
                Map.of(TestIds.citizenId(1980, 1, 1, true), labour));
        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/registry/households/" + id)
                        .then().statusCode(200));
        return id;
    }

    static io.restassured.response.ValidatableResponse visit(UUID household, YearMonth month, int income) {
        return given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", household, "visitMonth", month.toString(),
                        "visitedOn", month.atDay(10).toString(), "perCapitaIncome", income))
                .post("/api/monitoring/visits").then();
    }

    static io.restassured.response.ValidatableResponse eliminate(String riskId) {
        int version = given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                .then().extract().path("version");
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("version", version)).post("/api/monitoring/risks/" + riskId + "/eliminate").then();
    }

    @Test
    void lowIncomeVisitToEliminationFollowsThePolicy() {
        UUID h = household(TestIds.code("MON"), "FULL");
        String riskId = visit(h, NOW.minusMonths(3), 5200).statusCode(201)
                .body("risks[0].category", equalTo("INCOME_DROP"))
                .body("risks[0].evidence", containsString("7000"))
                .extract().path("risks[0].id");

        // the flag left through the outbox
        var flagged = TestEvents.awaitEvent(Topics.MONITORING, e -> e.path("type").asText().equals("cn.resettle.monitoring.risk.flagged.v1")
                && e.path("data").path("riskId").asText().equals(riskId));
        assertEquals(h.toString(), flagged.path("subject").asText());

        // employment opens a task for it (played here), the plan shows it; elimination waits for it
        UUID task = UUID.randomUUID();
        TestEvents.publish(Topics.EMPLOYMENT, h, TaskEvents.CREATED, new TaskEvents.TaskCreated("employment", task,
                UUID.fromString(riskId), h, "人社局", "JOB_MATCHING", "人岗对接", LocalDate.now().plusDays(15), OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures[0].status", equalTo("PLANNED")).body("measures[0].department", equalTo("人社局")));
        eliminate(riskId).statusCode(422).body("type", equalTo("https://resettle.cn/problems/measures-not-done"));

        TestEvents.publish(Topics.EMPLOYMENT, h, TaskEvents.COMPLETED, new TaskEvents.TaskCompleted("employment", task,
                UUID.fromString(riskId), h, "人社局", "JOB_MATCHING", "已安置到县工业园", "emp.officer", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures[0].status", equalTo("DONE")).body("measures[0].outcome", equalTo("已安置到县工业园")));

        // measures done, but income has not yet been stable for two months
        eliminate(riskId).statusCode(422).body("type", equalTo("https://resettle.cn/problems/income-not-stable"));
        visit(h, NOW.minusMonths(2), 9000).statusCode(201).body("risks.size()", equalTo(0));
        eliminate(riskId).statusCode(422).body("detail", containsString("latest 1 monthly"));
        visit(h, NOW.minusMonths(1), 9500).statusCode(201);
        eliminate(riskId).statusCode(200).body("status", equalTo("ELIMINATED")).body("closedBy", equalTo("county.admin"));

        TestEvents.awaitEvent(Topics.MONITORING, e -> e.path("type").asText().equals("cn.resettle.monitoring.risk.eliminated.v1")
                && e.path("data").path("riskId").asText().equals(riskId) && e.path("data").path("outcome").asText().equals("ELIMINATED"));
    }

    static void measureDone(UUID household, String riskId, String kind) {
        UUID task = UUID.randomUUID();
        TestEvents.publish(Topics.COMMUNITY, household, TaskEvents.CREATED, new TaskEvents.TaskCreated("community", task,
                UUID.fromString(riskId), household, "民政局", kind, kind, LocalDate.now().plusDays(7), OffsetDateTime.now()));
        TestEvents.publish(Topics.COMMUNITY, household, TaskEvents.COMPLETED, new TaskEvents.TaskCompleted("community", task,
                UUID.fromString(riskId), household, "民政局", kind, "已落实", "civil.officer", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures.find { it.taskId == '" + task + "' }.status", equalTo("DONE")));
    }

    @Test
    void aHouseholdWithoutLabourMovesToLongTermMonitoring() {
        UUID h = household(TestIds.code("MON"), "NONE");
        String riskId = visit(h, NOW.minusMonths(1), 3000).statusCode(201).extract().path("risks[0].id");
        measureDone(h, riskId, "SOCIAL_ASSISTANCE_REFERRAL");
        eliminate(riskId).statusCode(200).body("status", equalTo("LONG_TERM")).body("socialAssistanceReferral", equalTo(true))
                .body("eliminationReason", org.hamcrest.Matchers.nullValue());
    }

    static io.restassured.response.ValidatableResponse eliminate(String riskId, String reason) {
        int version = given().header("Authorization", Tokens.bearer("township.a")).get("/api/monitoring/risks/" + riskId)
                .then().extract().path("version");
        Map<String, Object> body = new HashMap<>();
        body.put("version", version);
        body.put("reason", reason);
        return given().header("Authorization", Tokens.bearer("township.a")).header("X-Request-Id", "elim-" + riskId.substring(0, 8))
                .contentType(ContentType.JSON).body(body).post("/api/monitoring/risks/" + riskId + "/eliminate").then();
    }

    @Test
    void aRiskJustFlaggedCannotBeEliminatedWithoutAnExplicitReason() {
        UUID h = household(TestIds.code("MON"), "NONE");
        String riskId = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "ILLNESS", "severity", "HIGH", "evidence", "户主慢性病复发，长期服药"))
                .post("/api/monitoring/risks").then().statusCode(201).body("measures.size()", equalTo(0)).extract().path("id");
        // no task exists yet: the plan is not done
        eliminate(riskId).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://resettle.cn/problems/measures-not-done"))
                .body("detail", containsString("no measure yet"));
        eliminate(riskId, " ").statusCode(400).body("violations[0].field", equalTo("reason"));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                .then().body("status", equalTo("OPEN"));

        // with a reason the decision is taken, kept on the risk with who and when, and audited
        eliminate(riskId, "经核实为误报：户主已于上月康复，无需帮扶").statusCode(200)
                .body("status", equalTo("LONG_TERM"))
                .body("eliminationReason", equalTo("经核实为误报：户主已于上月康复，无需帮扶"))
                .body("closedBy", equalTo("township.a"))
                .body("closedAt", org.hamcrest.Matchers.notNullValue());
        Object[] audit = (Object[]) em.createNativeQuery("select actor, action, request_id, detail from audit_log "
                + "where subject_type = 'risk' and subject_id = ?1").setParameter(1, riskId).getSingleResult();
        assertEquals("township.a", audit[0]);
        assertEquals("ELIMINATE_UNFINISHED", audit[1]);
        assertEquals("elim-" + riskId.substring(0, 8), audit[2]);
        assertTrue(((String) audit[3]).contains("误报"), (String) audit[3]);
    }

    @Test
    void aTaskCancelledElsewhereShowsOnThePlan() {
        UUID h = household(TestIds.code("MON"), "FULL");
        String riskId = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "JOB_LOSS", "severity", "HIGH", "evidence", "务工企业停产"))
                .post("/api/monitoring/risks").then().statusCode(201).extract().path("id");
        UUID task = UUID.randomUUID();
        TestEvents.publish(Topics.INDUSTRY, h, TaskEvents.CREATED, new TaskEvents.TaskCreated("industry", task,
                UUID.fromString(riskId), h, "农业农村局", "INDUSTRY_LINK", "产业帮扶", LocalDate.now().plusDays(30), OffsetDateTime.now()));
        TestEvents.publish(Topics.INDUSTRY, h, TaskEvents.CANCELLED, new TaskEvents.TaskCancelled("industry", task,
                UUID.fromString(riskId), h, "农业农村局", "INDUSTRY_LINK", "风险已消除，任务取消", "county.admin", OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + riskId)
                        .then().body("measures.size()", equalTo(1)).body("measures[0].status", equalTo("CANCELLED"))
                        .body("measures[0].outcome", equalTo("风险已消除，任务取消")));
    }

    @Test
    void risksNoServiceTookUpWithinTheRoutingWindowAreListedAsUnassigned() {
        UUID h = household(TestIds.code("MON"), "FULL");
        String lonely = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "JOB_LOSS", "severity", "HIGH", "evidence", "家中务工人员均失业"))
                .post("/api/monitoring/risks").then().statusCode(201).extract().path("id");
        String taken = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "EDUCATION", "severity", "MEDIUM", "evidence", "子女上学费用负担重"))
                .post("/api/monitoring/risks").then().statusCode(201).extract().path("id");
        TestEvents.publish(Topics.COMMUNITY, h, TaskEvents.CREATED, new TaskEvents.TaskCreated("community", UUID.randomUUID(),
                UUID.fromString(taken), h, "安置点", "HOME_VISIT", "入户走访", LocalDate.now().plusDays(7), OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks/" + taken)
                        .then().body("measures.size()", equalTo(1)));
        // the test routing window is 2 s (application.properties %test)
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("township.a")).get("/api/monitoring/risks?unassigned=true&householdId=" + h)
                        .then().statusCode(200).body("items.id", hasItem(lonely)).body("items.id", not(hasItem(taken)))
                        .body("total", equalTo(1)));
        // another township does not see it
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/monitoring/risks?unassigned=true&householdId=" + h)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void visitsAreValidatedAndScoped() {
        UUID h = household(TestIds.code("MON"), "FULL");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "visitMonth", NOW.plusMonths(1).toString(), "visitedOn", LocalDate.now().toString(),
                        "perCapitaIncome", 9000))
                .post("/api/monitoring/visits").then().statusCode(400).body("violations[0].field", equalTo("visitMonth"));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "visitMonth", "2026-13", "visitedOn", "2026-01-01", "perCapitaIncome", 1))
                .post("/api/monitoring/visits").then().statusCode(400).body("violations[0].field", equalTo("visitMonth"));
        given().header("Authorization", Tokens.bearer("worker.b1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "visitMonth", NOW.toString(), "visitedOn", LocalDate.now().toString(), "perCapitaIncome", 9000))
                .post("/api/monitoring/visits").then().statusCode(404);

        given().header("Authorization", Tokens.bearer("worker.a1"))
                .get("/api/monitoring/visits/unvisited?month=" + NOW + "&siteCode=" + SITE + "&size=200")
                .then().statusCode(200).body("items.householdId", hasItem(h.toString()));
        visit(h, NOW, 9000).statusCode(201);
        visit(h, NOW, 9000).statusCode(409);
        given().header("Authorization", Tokens.bearer("worker.a1"))
                .get("/api/monitoring/visits/unvisited?month=" + NOW + "&siteCode=" + SITE + "&size=200")
                .then().statusCode(200).body("items.householdId", not(hasItem(h.toString())));
    }

    @Test
    void aResidentDeclaresOnlyForTheirOwnHousehold() {
        // resident.a1's token carries household_no XG-H-0001
        UUID own = household("XG-H-0001", "FULL");
        given().header("Authorization", Tokens.bearer("resident.a1")).contentType(ContentType.JSON)
                .body(Map.of("category", "MEDICAL_EXPENSE", "description", "住院花费较大", "householdNo", "XG-H-0002"))
                .post("/api/monitoring/declarations").then().statusCode(403).contentType("application/problem+json");
        String id = given().header("Authorization", Tokens.bearer("resident.a1")).contentType(ContentType.JSON)
                .body(Map.of("category", "MEDICAL_EXPENSE", "description", "住院花费较大"))
                .post("/api/monitoring/declarations").then().statusCode(201)
                .body("householdId", equalTo(own.toString())).body("status", equalTo("RECEIVED"))
                .extract().path("id");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/monitoring/declarations/" + id + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/monitoring/risks?householdId=" + own + "&category=MEDICAL_EXPENSE")
                .then().body("items[0].source", equalTo("DECLARATION"));
        // residents cannot read the staff lists
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/monitoring/risks").then().statusCode(403);
    }

    @Test
    void aJobLostAndAHazardComeBackAsRisks() {
        UUID h = household(TestIds.code("MON"), "FULL");
        TestEvents.publish(Topics.EMPLOYMENT, h, "cn.resettle.employment.job.lost.v1", Map.of("personId", UUID.randomUUID(),
                "householdId", h, "householdNo", "x", "regionCode", REGION, "siteCode", SITE, "reason", "工厂停产",
                "lostOn", LocalDate.now().toString(), "householdWithoutEmployment", true));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks?householdId=" + h)
                        .then().body("items.category", hasItem("JOB_LOSS")).body("items.source", hasItem("JOB_LOSS_EVENT")));

        TestEvents.publish(Topics.COMMUNITY, UUID.randomUUID(), "cn.resettle.community.hazard.recorded.v1", Map.of(
                "hazardId", UUID.randomUUID(), "siteId", UUID.randomUUID(), "siteCode", SITE, "regionCode", REGION,
                "category", "FLOOD", "severity", "HIGH", "description", "暴雨内涝", "householdIds", List.of(h),
                "recordedOn", LocalDate.now().toString()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks?householdId=" + h)
                        .then().body("items.category", hasItem("DISASTER")));
    }

    @Test
    void identificationFollowsTheProcedureAndAnnouncesTheSubject() {
        UUID h = household(TestIds.code("MON"), "FULL");
        String caseId = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "subjectType", "MARGINAL_AT_RISK", "source", "CADRE"))
                .post("/api/monitoring/cases").then().statusCode(201).body("nextStep", equalTo("HOME_CHECK"))
                .extract().path("id");
        step(caseId, 0, "PUBLIC_NOTICE", "township.a", null).statusCode(422).body("type", equalTo("https://resettle.cn/problems/wrong-step"));
        step(caseId, 0, "HOME_CHECK", "worker.a1", null).statusCode(200);
        step(caseId, 1, "DEMOCRATIC_REVIEW", "worker.a1", null).statusCode(200);
        step(caseId, 2, "PUBLIC_NOTICE", "worker.a1", null).statusCode(403);
        step(caseId, 2, "PUBLIC_NOTICE", "township.a", LocalDate.now().toString()).statusCode(200).body("status", equalTo("IN_PUBLIC_NOTICE"));
        step(caseId, 3, "TOWNSHIP_REVIEW", "township.a", null).statusCode(422).body("type", equalTo("https://resettle.cn/problems/notice-running"));

        String other = given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", household(TestIds.code("MON"), "FULL"), "subjectType", "SUDDEN_DIFFICULTY", "source", "WARNING"))
                .post("/api/monitoring/cases").then().statusCode(201).extract().path("id");
        step(other, 0, "HOME_CHECK", "worker.a1", null).statusCode(200);
        step(other, 1, "DEMOCRATIC_REVIEW", "worker.a1", null).statusCode(200);
        step(other, 2, "PUBLIC_NOTICE", "township.a", LocalDate.now().minusDays(7).toString()).statusCode(200);
        step(other, 3, "TOWNSHIP_REVIEW", "township.a", null).statusCode(200);
        step(other, 4, "COUNTY_APPROVAL", "county.admin", null).statusCode(200).body("status", equalTo("IDENTIFIED"))
                .body("steps.size()", equalTo(5)).body("steps[4].actor", equalTo("county.admin"));
        TestEvents.awaitEvent(Topics.MONITORING, e -> e.path("type").asText().equals("cn.resettle.monitoring.subject.identified.v1")
                && e.path("data").path("caseId").asText().equals(other));
    }

    static io.restassured.response.ValidatableResponse step(String caseId, int version, String step, String user, String noticeStart) {
        Map<String, Object> body = new HashMap<>(Map.of("version", version, "step", step, "passed", true));
        if (noticeStart != null) {
            body.put("noticeStartedOn", noticeStart);
        }
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/monitoring/cases/" + caseId + "/steps").then();
    }

    @Test
    void aDepartmentFileFlagsMatchedHouseholdsAndReportsTheRest() {
        String medical = TestIds.citizenId(1970, 5, 5, true);
        String fine = TestIds.citizenId(1971, 6, 6, false);
        UUID h1 = UUID.randomUUID();
        UUID h2 = UUID.randomUUID();
        TestEvents.registerHousehold(TestEvents.household(h1, TestIds.code("SCR"), SITE, REGION, Map.of(medical, "FULL")));
        TestEvents.registerHousehold(TestEvents.household(h2, TestIds.code("SCR"), SITE, REGION, Map.of(fine, "FULL")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/registry/households/" + h2)
                        .then().statusCode(200));
        String stranger = TestIds.citizenId(1990, 7, 7, true); // valid, but not a relocated person
        String csv = "身份证号,姓名,医疗自付费用,残疾,失业,灾害损失,人均纯收入\n"
                + medical + ",甲,35000,否,否,,9000\n"
                + fine + ",乙,100,否,否,,12000\n"
                + stranger + ",丙,50000,否,否,,1000\n"
                + TestIds.withWrongCheckDigit(fine) + ",丁,1,否,否,,1\n"
                + fine + ",戊,很多,否,否,,1\n";
        given().header("Authorization", Tokens.bearer("civil.officer"))
                .multiPart("file", "med.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .multiPart("department", "医保局").multiPart("month", NOW.toString())
                .post("/api/monitoring/screenings").then().statusCode(200)
                .body("rows", equalTo(5)).body("valid", equalTo(3)).body("malformed", equalTo(2))
                .body("matched", equalTo(2)).body("unmatched", equalTo(1)).body("unmatchedRows", equalTo(List.of(4)))
                .body("malformedRows.rowNo", equalTo(List.of(5, 6))).body("warnings", equalTo(1));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks?householdId=" + h1)
                .then().body("items[0].category", equalTo("MEDICAL_EXPENSE")).body("items[0].source", equalTo("SCREENING"));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/risks?householdId=" + h2)
                .then().body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("worker.a1"))
                .multiPart("file", "med.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .multiPart("department", "医保局").post("/api/monitoring/screenings").then().statusCode(403);
        byte[] brokenXlsx = {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8};
        given().header("Authorization", Tokens.bearer("civil.officer"))
                .multiPart("file", "med.xlsx", brokenXlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .multiPart("department", "医保局").post("/api/monitoring/screenings").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("https://resettle.cn/problems/unreadable-file"));
    }

    @Test
    void ledgersExportAsExcelAndTheDictionaryHasLabels() {
        UUID h = household(TestIds.code("LED"), "FULL");
        visit(h, NOW, 8000).statusCode(201);
        byte[] visits = given().header("Authorization", Tokens.bearer("worker.a1"))
                .get("/api/monitoring/ledgers/visits.xlsx?month=" + NOW + "&siteCode=" + SITE).then().statusCode(200)
                .header("Content-Disposition", containsString("visit-ledger")).extract().asByteArray();
        assertEquals('P', (char) visits[0]);
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/monitoring/ledgers/subjects.xlsx")
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/monitoring/ledgers/visits.xlsx")
                .then().statusCode(400).body("violations[0].field", equalTo("month"));
        given().header("Authorization", Tokens.bearer("resident.a1")).get("/api/monitoring/dictionary").then().statusCode(200)
                .body("riskCategory.find { it.code == 'INCOME_DROP' }.label", equalTo("收入骤减或低于监测线"));
    }

    @Test
    void aCadreFlagsWhatTheySawOnTheGround() {
        UUID h = household(TestIds.code("CAD"), "FULL");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "DRINKING_WATER", "severity", "MEDIUM", "evidence", "自来水停供两周"))
                .post("/api/monitoring/risks").then().statusCode(201)
                .body("source", equalTo("CADRE")).body("evidence", containsString("自来水停供两周"));
        given().header("Authorization", Tokens.bearer("worker.b1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "DRINKING_WATER", "severity", "MEDIUM", "evidence", "x"))
                .post("/api/monitoring/risks").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(Map.of("householdId", h, "category", "NOT_A_CATEGORY", "severity", "MEDIUM", "evidence", "x"))
                .post("/api/monitoring/risks").then().statusCode(400).body("violations[0].field", equalTo("category"));
        TestEvents.awaitEvent(Topics.MONITORING, e -> e.path("type").asText().equals("cn.resettle.monitoring.risk.flagged.v1")
                && e.path("data").path("householdId").asText().equals(h.toString())
                && e.path("data").path("source").asText().equals("CADRE"));
    }
}
