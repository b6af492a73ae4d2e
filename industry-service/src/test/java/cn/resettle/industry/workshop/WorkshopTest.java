package cn.resettle.industry.workshop;

import cn.resettle.common.events.IndustryEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.Tokens;
import cn.resettle.industry.IndustryFixtures;
import cn.resettle.industry.IndustryFixtures.Household;
import cn.resettle.industry.IndustryFixtures.M;
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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class WorkshopTest {

    static final String OFFICER = "ind.officer";

    static String token(String user) {
        return Tokens.bearer(user);
    }

    static Map<String, Object> workshop(String site, String name, LocalDate openedOn) {
        return Map.of("name", name, "siteCode", site, "operator", "兴国县鑫源服饰有限公司", "products", "服装加工、电子元件组装",
                "jobs", 60, "openedOn", openedOn.toString());
    }

    static String create(String user, Map<String, Object> body) {
        return given().header("Authorization", token(user)).contentType(ContentType.JSON).body(body)
                .post("/api/industry/workshops").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse check(String user, String workshop, String quarter, String status,
                                                            LocalDate checkedOn) {
        Map<String, Object> body = new HashMap<>(Map.of("quarter", quarter, "status", status, "workers", 40,
                "income", 185000.50, "checkedOn", checkedOn.toString()));
        return given().header("Authorization", token(user)).contentType(ContentType.JSON).body(body)
                .post("/api/industry/workshops/" + workshop + "/checks").then();
    }

    @Test
    void aClosedWorkshopSendsTheHouseholdsWithoutAnotherEarnerToMonitoringAndEndsItsJobs() throws Exception {
        String site = IndustryFixtures.site("潋江镇城东安置点");
        Household onlyEarner = IndustryFixtures.household(site, new M("钟春生", "UNEMPLOYED"), new M("刘桂英", "FARMING"));
        Household twoEarners = IndustryFixtures.household(site, new M("陈冬华", "UNEMPLOYED"), new M("谢秀兰", "EMPLOYED_OUTSIDE"));
        String ws = create(OFFICER, workshop(site, "城东服饰帮扶车间", LocalDate.of(2025, 3, 1)));

        // the workers, as workshop jobs (links)
        for (Household h : List.of(onlyEarner, twoEarners)) {
            given().header("Authorization", token("township.a")).contentType(ContentType.JSON)
                    .body(Map.of("personId", h.people().get(0), "post", "缝纫工", "since", "2025-04-01"))
                    .post("/api/industry/workshops/" + ws + "/workers").then().statusCode(201)
                    .body("kind", equalTo("WORKSHOP_JOB")).body("householdId", equalTo(h.id().toString()));
        }
        given().header("Authorization", token("township.a")).contentType(ContentType.JSON)
                .body(Map.of("personId", onlyEarner.people().get(0), "post", "缝纫工", "since", "2025-04-01"))
                .post("/api/industry/workshops/" + ws + "/workers").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("already-working"));
        given().header("Authorization", token("township.a")).get("/api/industry/workshops/" + ws + "/workers").then()
                .statusCode(200).body("total", equalTo(2))
                .body("items.name", hasItem("钟春生"))
                .body("items[0].idNumberMasked", containsString("********"));
        given().header("Authorization", token(OFFICER)).get("/api/industry/workshops/" + ws).then()
                .body("relocatedWorkers", equalTo(2)).body("householdsEmployed", equalTo(2)).body("status", equalTo("OPERATING"));

        // orders and subsidies
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("buyer", "深圳市华强电子有限公司", "description", "线束组装 2 万件", "amount", 86000, "orderedOn", "2026-09-02"))
                .post("/api/industry/workshops/" + ws + "/orders").then().statusCode(201);
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("kind", "EMPLOYMENT", "amount", 12000, "grantedOn", "2026-06-30", "note", "吸纳搬迁群众就业补贴"))
                .post("/api/industry/workshops/" + ws + "/subsidies").then().statusCode(201).body("kindLabel", equalTo("吸纳就业补贴"));
        given().header("Authorization", token(OFFICER)).get("/api/industry/workshops/" + ws).then()
                .body("ordersTotal", equalTo(86000.0f)).body("subsidiesTotal", equalTo(12000.0f));

        // Q3 operating, Q4 closed
        check("township.a", ws, "2026Q3", "OPERATING", LocalDate.of(2026, 10, 8)).statusCode(201)
                .body("relocatedWorkers", equalTo(2)).body("householdsWithoutEarner", equalTo(List.of()));
        check("township.a", ws, "2026Q3", "REDUCED", LocalDate.of(2026, 10, 9)).statusCode(409);
        String quarter = Quarter.of(LocalDate.now()).toString();
        check(OFFICER, ws, quarter, "CLOSED", LocalDate.now()).statusCode(201)
                .body("householdsWithoutEarner", contains(onlyEarner.id().toString()));

        JsonNode event = TestEvents.awaitEvent(Topics.INDUSTRY, e -> e.path("type").asText().equals(IndustryEvents.WORKSHOP_STOPPED)
                && e.path("subject").asText().equals(ws));
        assertEquals("CLOSED", event.at("/data/status").asText());
        assertEquals(1, event.at("/data/householdsWithoutEarner").size());
        assertEquals(onlyEarner.id().toString(), event.at("/data/householdsWithoutEarner/0").asText());
        assertEquals(2, event.at("/data/workers").asInt());
        assertEquals(site, event.at("/data/siteCode").asText());

        // closed: nobody works there any more, no more checks, nobody is hired
        given().header("Authorization", token(OFFICER)).get("/api/industry/workshops/" + ws + "/workers").then().body("total", equalTo(0));
        given().header("Authorization", token(OFFICER)).get("/api/industry/workshops/" + ws + "/workers?includeLeft=true").then()
                .body("total", equalTo(2)).body("items.until", not(hasItem(nullValue())));
        check(OFFICER, ws, quarter, "OPERATING", LocalDate.now()).statusCode(409).body("type", containsString("workshop-closed"));
        given().header("Authorization", token(OFFICER)).get("/api/industry/workshops/" + ws).then().body("status", equalTo("CLOSED"))
                .body("statusLabel", equalTo("关闭")).body("lastQuarter", equalTo(quarter));

        // the check ledger
        byte[] xlsx = given().header("Authorization", token("township.a")).get("/api/industry/workshops/checks.xlsx?siteCode=" + site)
                .then().statusCode(200).contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size(), "header + two checks");
            assertEquals("季度", rows.get(0).getCellText(7));
            assertEquals("城东服饰帮扶车间", rows.get(1).getCellText(0));
            assertEquals("正常生产", rows.get(1).getCellText(8));
            assertEquals("关闭", rows.get(2).getCellText(8));
        }
    }

    @Test
    void aSuspendedWorkshopDoesNotCountWorkersOfAnotherRunningWorkshopAsLost() {
        String site = IndustryFixtures.site("潋江镇城西安置点");
        Household h = IndustryFixtures.household(site, new M("钟志强", "UNEMPLOYED"), new M("黄小燕", "UNEMPLOYED"));
        String a = create(OFFICER, workshop(site, "城西竹编帮扶车间", LocalDate.of(2025, 1, 1)));
        String b = create(OFFICER, workshop(site, "城西电子帮扶车间", LocalDate.of(2025, 1, 1)));
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("personId", h.people().get(0), "post", "编织工", "since", "2025-02-01"))
                .post("/api/industry/workshops/" + a + "/workers").then().statusCode(201);
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("personId", h.people().get(1), "post", "组装工", "since", "2025-02-01"))
                .post("/api/industry/workshops/" + b + "/workers").then().statusCode(201);
        check(OFFICER, a, Quarter.of(LocalDate.now()).toString(), "SUSPENDED", LocalDate.now()).statusCode(201)
                .body("householdsWithoutEarner", equalTo(List.of()));
        // suspended keeps its workers on the books
        given().header("Authorization", token(OFFICER)).get("/api/industry/workshops/" + a + "/workers").then().body("total", equalTo(1));
    }

    @Test
    void overdueChecksListTheWorkshopsWithoutACheckForTheDueQuarter() {
        String site = IndustryFixtures.site("潋江镇城北安置点");
        String unchecked = create(OFFICER, workshop(site, "城北脐橙分拣车间", LocalDate.of(2025, 1, 1)));
        String checked = create(OFFICER, workshop(site, "城北箱包车间", LocalDate.of(2025, 1, 1)));
        String tooNew = create(OFFICER, workshop(site, "城北新车间", LocalDate.now()));
        check(OFFICER, checked, "2026Q3", "OPERATING", LocalDate.of(2026, 10, 3)).statusCode(201);
        // on 2026-11-25 with 15 days' grace the 2026Q3 check was due by 2026-10-15
        given().header("Authorization", token("township.a"))
                .get("/api/industry/workshops/overdue-checks?asOf=2026-11-25&siteCode=" + site).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].workshopId", equalTo(unchecked))
                .body("items[0].dueQuarter", equalTo("2026Q3")).body("items[0].dueBy", equalTo("2026-10-15"))
                .body("items[0].daysOverdue", equalTo(41));
        // on 2026-10-15 the Q3 check is still within its grace: Q2 is the due quarter, and neither was checked for Q2
        given().header("Authorization", token("township.a"))
                .get("/api/industry/workshops/overdue-checks?asOf=2026-10-15&siteCode=" + site).then()
                .body("total", equalTo(2)).body("items.dueQuarter", hasItem("2026Q2"))
                .body("items.workshopId", not(hasItem(tooNew)));
        given().header("Authorization", token("township.b"))
                .get("/api/industry/workshops/overdue-checks?asOf=2026-11-25&siteCode=" + site).then().body("total", equalTo(0));
    }

    @Test
    void scopeRolesAndBadInputAreAnsweredAsProblems() {
        String site = IndustryFixtures.site("潋江镇城南安置点");
        String ws = create(OFFICER, workshop(site, "城南鞋业帮扶车间", LocalDate.of(2025, 5, 1)));
        // outside the caller's area: another township's official and another site's worker see nothing
        given().header("Authorization", token("township.b")).get("/api/industry/workshops/" + ws).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", token("worker.b1")).get("/api/industry/workshops/" + ws).then().statusCode(404);
        given().header("Authorization", token("township.b")).contentType(ContentType.JSON)
                .body(workshop(site, "越界车间", LocalDate.of(2025, 5, 1))).post("/api/industry/workshops").then().statusCode(400)
                .body("violations.field", hasItem("siteCode"));
        // site workers read, never write; other departments do not see workshops
        given().header("Authorization", token("worker.a1")).contentType(ContentType.JSON)
                .body(workshop(site, "社工车间", LocalDate.of(2025, 5, 1))).post("/api/industry/workshops").then().statusCode(403);
        given().header("Authorization", token("emp.officer")).get("/api/industry/workshops").then().statusCode(403);
        given().get("/api/industry/workshops").then().statusCode(401);
        // bad input
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON)
                .body(workshop("XG-NOWHERE-9", "无名车间", LocalDate.of(2025, 5, 1))).post("/api/industry/workshops").then()
                .statusCode(400).body("violations.field", hasItem("siteCode"));
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("name", "", "siteCode", site, "operator", "x", "products", "x", "jobs", -1, "openedOn", "2099-01-01"))
                .post("/api/industry/workshops").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("name")).body("violations.field", hasItem("jobs"))
                .body("violations.field", hasItem("openedOn"));
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON).body(workshop(site, "城南鞋业帮扶车间", LocalDate.of(2025, 5, 1)))
                .post("/api/industry/workshops").then().statusCode(409);
        check(OFFICER, ws, "2026Q5", "OPERATING", LocalDate.now()).statusCode(400).body("violations.field", hasItem("quarter"));
        check(OFFICER, ws, "2099Q1", "OPERATING", LocalDate.now()).statusCode(400).body("violations.field", hasItem("quarter"));
        check(OFFICER, ws, "2024Q4", "OPERATING", LocalDate.of(2025, 1, 5)).statusCode(400).body("violations.field", hasItem("quarter"));
        check(OFFICER, ws, "2026Q3", "OPERATING", LocalDate.of(2026, 6, 1)).statusCode(400).body("violations.field", hasItem("checkedOn"));
        check(OFFICER, ws, "2026Q3", "HALTED", LocalDate.of(2026, 10, 1)).statusCode(400);
        given().header("Authorization", token(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("personId", UUID.randomUUID(), "post", "工人", "since", "2025-06-01"))
                .post("/api/industry/workshops/" + ws + "/workers").then().statusCode(404);
        given().header("Authorization", token(OFFICER)).get("/api/industry/workshops?size=500").then().statusCode(400)
                .body("violations.field", hasItem("size"));
        given().header("Authorization", token(OFFICER)).get("/api/industry/dictionary").then().statusCode(200)
                .body("workshopStatus.label", hasItem("停产")).body("linkKind.code", hasItem("COOPERATIVE"));
    }
}
