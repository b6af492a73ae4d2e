package cn.resettle.industry.lease;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LeaseTest {

    static final String OFFICER = "ind.officer";

    static Map<String, Object> lease(UUID household, String type) {
        return new HashMap<>(Map.of("householdId", household, "assetType", type, "location", "兴国县枫边乡山峰村上坪组",
                "areaMu", 3.6, "lessee", "兴国县绿源油茶种植专业合作社", "purpose", "油茶种植", "contractNo", "FB-2023-017",
                "annualRent", 1080, "startOn", "2023-01-01", "endOn", "2032-12-31"));
    }

    @Test
    void aLeaseLinksTheHouseholdAndEachYearsRentReachesMonitoringOnce() throws Exception {
        String site = IndustryFixtures.site("潋江镇流转安置点");
        Household h = IndustryFixtures.household(site, new M("钟水生", "FARMING"));
        String lease = given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(lease(h.id(), "FARMLAND")).post("/api/industry/leases").then().statusCode(201)
                .body("assetTypeLabel", equalTo("耕地")).body("status", equalTo("ACTIVE")).body("linkId", notNullValue())
                .body("householdNo", equalTo(h.householdNo())).extract().path("id");
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/links?householdId=" + h.id()).then()
                .body("items.kind", hasItem("LEASE"));

        // 2025's rent is due: listed as unpaid, then paid once, sent to monitoring as RENT income
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/leases?unpaidYear=2025&siteCode=" + site).then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(lease));
        String rent = given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("year", 2025, "amount", 1080, "paidOn", "2025-12-28")).post("/api/industry/leases/" + lease + "/rents")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("year", 2025, "amount", 1080, "paidOn", "2025-12-29")).post("/api/industry/leases/" + lease + "/rents")
                .then().statusCode(409).contentType("application/problem+json").body("type", containsString("rent-paid"));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/leases?unpaidYear=2025&siteCode=" + site).then()
                .body("total", equalTo(0));
        JsonNode event = TestEvents.awaitEvent(Topics.INDUSTRY, e -> e.path("type").asText().equals(IndustryEvents.INCOME_PAID)
                && e.at("/data/reference").asText().equals(rent));
        assertEquals("RENT", event.at("/data/kind").asText());
        assertEquals(h.id().toString(), event.at("/data/householdId").asText());
        assertEquals(1080.0, event.at("/data/amount").asDouble());
        assertEquals(2025, event.at("/data/year").asInt());
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/leases/" + lease).then()
                .body("rentPaid", equalTo(1080.0f));
        // a year outside the term
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("year", 2022, "amount", 1080, "paidOn", "2025-12-28")).post("/api/industry/leases/" + lease + "/rents")
                .then().statusCode(400).body("violations.field", hasItem("year"));

        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/industry/leases/ledger.xlsx?year=2025&siteCode=" + site).then().statusCode(200)
                .contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals(h.householdNo(), rows.get(1).getCellText(0));
            assertEquals("耕地", rows.get(1).getCellText(3));
            assertEquals("1080", rows.get(1).getCellText(13).replace(".0", ""));
            assertEquals("2025-12-28", rows.get(1).getCellText(14));
        }

        // terminated early: no rent after the year it ended
        int version = given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/leases/" + lease).then()
                .extract().path("version");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("version", version + 5, "terminatedOn", "2025-12-31", "reason", "合作社解散"))
                .post("/api/industry/leases/" + lease + "/terminate").then().statusCode(409);
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("version", version, "terminatedOn", "2025-12-31", "reason", "合作社解散"))
                .post("/api/industry/leases/" + lease + "/terminate").then().statusCode(200).body("status", equalTo("TERMINATED"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("year", 2026, "amount", 1080, "paidOn", "2025-12-31")).post("/api/industry/leases/" + lease + "/rents")
                .then().statusCode(409).body("type", containsString("terminated"));
    }

    @Test
    void scopeRolesAndBadInputAreProblems() {
        String site = IndustryFixtures.site("潋江镇旧房安置点");
        Household h = IndustryFixtures.household(site, new M("谢火生", "FARMING"));
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON).body(lease(h.id(), "HOUSE"))
                .post("/api/industry/leases").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON).body(lease(h.id(), "HOUSE"))
                .post("/api/industry/leases").then().statusCode(403);
        String lease = given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(lease(h.id(), "HOUSE"))
                .post("/api/industry/leases").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/leases/" + lease).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/industry/leases?householdId=" + h.id()).then()
                .statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/industry/leases").then().statusCode(403);
        given().get("/api/industry/leases").then().statusCode(401);
        Map<String, Object> bad = lease(h.id(), "HOUSE");
        bad.put("endOn", "2022-12-31");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(bad)
                .post("/api/industry/leases").then().statusCode(400).body("violations.field", hasItem("endOn"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "assetType", "POND", "location", "x", "areaMu", 1, "lessee", "x",
                        "purpose", "x", "annualRent", 1, "startOn", "2023-01-01", "endOn", "2024-01-01"))
                .post("/api/industry/leases").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("householdId", h.id(), "assetType", "FOREST", "location", "", "areaMu", 0, "lessee", "x",
                        "purpose", "x", "annualRent", -5, "startOn", "2023-01-01", "endOn", "2024-01-01"))
                .post("/api/industry/leases").then().statusCode(400).body("violations.field", hasItem("location"))
                .body("violations.field", hasItem("areaMu")).body("violations.field", hasItem("annualRent"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("year", 2025, "amount", 0, "paidOn", "2099-01-01")).post("/api/industry/leases/" + lease + "/rents")
                .then().statusCode(400).body("violations.field", hasItem("amount")).body("violations.field", hasItem("paidOn"));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/leases?unpaidYear=1900").then().statusCode(400);
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/dictionary").then()
                .body("leaseAssetType.label", hasItem("宅基地"));
    }

    @Test
    void aTerminationKeepsItsReasonAndMustFallWithinTheLeaseTerm() throws Exception {
        String site = IndustryFixtures.site("潋江镇到期流转安置点");
        Household h = IndustryFixtures.household(site, new M("钟木根", "FARMING"));
        Map<String, Object> body = lease(h.id(), "FOREST");
        body.put("startOn", "2020-01-01");
        body.put("endOn", "2023-12-31");
        body.put("contractNo", "FB-2020-003");
        String lease = given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(body)
                .post("/api/industry/leases").then().statusCode(201).extract().path("id");
        int version = given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/leases/" + lease).then()
                .extract().path("version");
        // after the term ran out there is nothing to terminate; before it began neither
        for (String day : List.of("2024-06-30", "2019-12-31")) {
            given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                    .body(Map.of("version", version, "terminatedOn", day, "reason", "流入方退租"))
                    .post("/api/industry/leases/" + lease + "/terminate").then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem("terminatedOn"));
        }
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/leases/" + lease).then()
                .body("status", equalTo("ACTIVE")).body("terminatedOn", nullValue());
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("version", version, "terminatedOn", "2023-12-31", "reason", "  流入方退租，林地收回自营  "))
                .post("/api/industry/leases/" + lease + "/terminate").then().statusCode(200)
                .body("status", equalTo("TERMINATED")).body("terminationReason", equalTo("流入方退租，林地收回自营"));
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/industry/leases/" + lease).then()
                .body("terminatedOn", equalTo("2023-12-31")).body("terminationReason", equalTo("流入方退租，林地收回自营"));
        byte[] xlsx = given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/leases/ledger.xlsx?year=2023&siteCode=" + site).then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals("终止原因", rows.get(0).getCellText(17));
            assertEquals("2023-12-31", rows.get(1).getCellText(16));
            assertEquals("流入方退租，林地收回自营", rows.get(1).getCellText(17));
        }
    }
}
