package cn.resettle.industry.cooperative;

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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CooperativeTest {

    static final String OFFICER = "ind.officer";

    static Map<String, Object> org(String kind, String site, String name) {
        return new HashMap<>(Map.of("kind", kind, "name", name, "siteCode", site, "representative", "钟国华",
                "business", "脐橙种植、农产品销售", "establishedOn", "2022-03-15"));
    }

    static String create(String user, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/industry/cooperatives").then().statusCode(201).extract().path("id");
    }

    static void income(String org, int year, double amount) {
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("year", year, "amount", amount, "source", "光伏电站租金", "receivedOn", year + "-06-30"))
                .post("/api/industry/cooperatives/" + org + "/income").then().statusCode(201);
    }

    @Test
    void membersJoinWithSharesAndASiteReachesTheCollectiveEconomyTarget() throws Exception {
        String site = IndustryFixtures.site("潋江镇富民安置点");
        Household a = IndustryFixtures.household(site, new M("钟春华", "UNEMPLOYED"));
        Household b = IndustryFixtures.household(site, new M("谢冬梅", "FARMING"));
        String collective = create("township.a", org("COLLECTIVE", site, "富民社区股份经济合作社"));
        String coop = create(OFFICER, org("COOPERATIVE", site, "兴国县富民脐橙种植专业合作社"));

        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("householdId", a.id(), "shares", 3, "joinedOn", "2023-01-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(201)
                .body("householdNo", equalTo(a.householdNo())).body("linkId", notNullValue());
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("householdId", b.id(), "shares", 1, "joinedOn", "2023-01-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("householdId", a.id(), "shares", 1, "joinedOn", "2023-02-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("already-member"));
        // shares and ratios; the membership is a COOPERATIVE link of the household
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/cooperatives/" + coop + "/members").then()
                .statusCode(200).body("total", equalTo(2))
                .body("items.find { it.householdNo == '" + a.householdNo() + "' }.shareRatio", equalTo(0.75f));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/links?householdId=" + a.id()).then()
                .body("items.kind", hasItem("COOPERATIVE")).body("items.partner", hasItem("兴国县富民脐橙种植专业合作社"));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/cooperatives/" + coop).then()
                .body("memberHouseholds", equalTo(2)).body("totalShares", equalTo(4.0f)).body("kindLabel", equalTo("农民专业合作社"));

        // 2025: 24,000 yuan of collective income — above the 10,000 target, short of the type's 30,000
        income(collective, 2025, 24000);
        income(coop, 2025, 80000);
        given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/industry/cooperatives/collective-economy?year=2025&siteCode=" + site).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].collectiveOrganisations", equalTo(1))
                .body("items[0].cooperatives", equalTo(1)).body("items[0].memberHouseholds", equalTo(2))
                .body("items[0].collectiveIncome", equalTo(24000.0f)).body("items[0].cooperativeIncome", equalTo(80000.0f))
                .body("items[0].meetsIncomeTarget", equalTo(true)).body("items[0].meetsCollectiveEconomyType", equalTo(false));
        income(collective, 2025, 6000.5);
        given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/industry/cooperatives/collective-economy?year=2025&siteCode=" + site).then()
                .body("items[0].collectiveIncome", equalTo(30000.5f)).body("items[0].meetsCollectiveEconomyType", equalTo(true));
        // 2024: nothing recorded, the site is below the target
        given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/cooperatives/collective-economy?year=2024&belowTarget=true&siteCode=" + site).then()
                .body("total", equalTo(1)).body("items[0].collectiveIncome", equalTo(0));
        given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/cooperatives/collective-economy?year=2025&belowTarget=true&siteCode=" + site).then()
                .body("total", equalTo(0));
        // another township sees neither the site nor its organisations
        given().header("Authorization", Tokens.bearer("township.b"))
                .get("/api/industry/cooperatives/collective-economy?year=2025&siteCode=" + site).then().body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/industry/cooperatives/" + coop).then().statusCode(404);

        // the ledgers
        byte[] xlsx = given().header("Authorization", Tokens.bearer("township.a"))
                .get("/api/industry/cooperatives/ledger.xlsx?year=2025&siteCode=" + site).then().statusCode(200)
                .contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size(), "header + two organisations");
            assertEquals("兴国县富民脐橙种植专业合作社", rows.get(1).getCellText(0));
            assertEquals("2", rows.get(1).getCellText(10));
            assertEquals("80000", rows.get(1).getCellText(12).replace(".0", ""));
            assertEquals("村(社区)集体经济组织", rows.get(2).getCellText(1));
        }
        xlsx = given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/cooperatives/collective-economy.xlsx?year=2025&siteCode=" + site).then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals("是", rows.get(1).getCellText(12));
        }

        // a member leaves; dissolving ends the rest
        String memberB = given().header("Authorization", Tokens.bearer(OFFICER))
                .get("/api/industry/cooperatives/" + coop + "/members").then().extract()
                .path("items.find { it.householdNo == '" + b.householdNo() + "' }.id");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("leftOn", "2022-12-01", "reason", "外出务工")).post("/api/industry/cooperatives/" + coop + "/members/" + memberB + "/left")
                .then().statusCode(400).body("violations.field", hasItem("leftOn"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("leftOn", "2025-12-01", "reason", "外出务工")).post("/api/industry/cooperatives/" + coop + "/members/" + memberB + "/left")
                .then().statusCode(200).body("leftOn", equalTo("2025-12-01"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("leftOn", "2025-12-02", "reason", "外出务工")).post("/api/industry/cooperatives/" + coop + "/members/" + memberB + "/left")
                .then().statusCode(409);
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("version", 99, "dissolvedOn", "2025-12-31")).post("/api/industry/cooperatives/" + coop + "/dissolve")
                .then().statusCode(409).body("type", containsString("stale"));
        int version = given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/cooperatives/" + coop).then()
                .extract().path("version");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("version", version, "dissolvedOn", "2025-12-31")).post("/api/industry/cooperatives/" + coop + "/dissolve")
                .then().statusCode(200).body("status", equalTo("DISSOLVED")).body("memberHouseholds", equalTo(0));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/cooperatives/" + coop + "/members?includeLeft=true")
                .then().body("items", hasSize(2));
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("householdId", b.id(), "shares", 1, "joinedOn", "2025-01-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(409).body("type", containsString("dissolved"));
    }

    @Test
    void aRetriedJoinWithTheSameIdempotencyKeyRecordsTheMembershipOnce() {
        String site = IndustryFixtures.site("潋江镇重试安置点");
        Household h = IndustryFixtures.household(site, new M("钟桂兰", "UNEMPLOYED"));
        String coop = create(OFFICER, org("COOPERATIVE", site, "重试茶叶专业合作社"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("householdId", h.id(), "shares", 2, "joinedOn", "2023-01-10");
        String first = given().header("Authorization", Tokens.bearer(OFFICER)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/industry/cooperatives/" + coop + "/members").then()
                .statusCode(201).extract().path("id");
        // the network dropped the answer: the client sends the same request again
        given().header("Authorization", Tokens.bearer(OFFICER)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/industry/cooperatives/" + coop + "/members").then()
                .statusCode(201).body("id", equalTo(first));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/cooperatives/" + coop + "/members").then()
                .body("total", equalTo(1));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/links?householdId=" + h.id()).then()
                .body("total", equalTo(1));
    }

    @Test
    void rolesScopeAndBadInputAreProblems() {
        String site = IndustryFixtures.site("潋江镇兴园安置点");
        String coop = create(OFFICER, org("COOPERATIVE", site, "兴园蔬菜专业合作社"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(org("COOPERATIVE", site, "兴园蔬菜专业合作社"))
                .post("/api/industry/cooperatives").then().statusCode(409).body("violations.field", hasItem("name"));
        Map<String, Object> bad = org("FARM", site, "");
        bad.put("creditCode", "12345");
        bad.put("establishedOn", "2099-01-01");
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("kind", "COOPERATIVE", "name", "", "siteCode", site, "creditCode", "12345", "representative", "钟国华",
                        "business", "蔬菜", "establishedOn", "2099-01-01"))
                .post("/api/industry/cooperatives").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("name")).body("violations.field", hasItem("creditCode"))
                .body("violations.field", hasItem("establishedOn"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON).body(bad)
                .post("/api/industry/cooperatives").then().statusCode(400);
        given().header("Authorization", Tokens.bearer("township.b")).contentType(ContentType.JSON)
                .body(org("COOPERATIVE", site, "越界合作社")).post("/api/industry/cooperatives").then().statusCode(400)
                .body("violations.field", hasItem("siteCode"));
        given().header("Authorization", Tokens.bearer("worker.a1")).contentType(ContentType.JSON)
                .body(org("COOPERATIVE", site, "社工合作社")).post("/api/industry/cooperatives").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/industry/cooperatives/" + coop).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/industry/cooperatives").then().statusCode(403);
        given().get("/api/industry/cooperatives").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("householdId", UUID.randomUUID(), "shares", 1, "joinedOn", "2023-01-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(404);
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("householdId", UUID.randomUUID(), "shares", 0, "joinedOn", "2021-01-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(400).body("violations.field", hasItem("shares"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("year", 2026, "amount", 100, "source", "租金", "receivedOn", "2025-12-01"))
                .post("/api/industry/cooperatives/" + coop + "/income").then().statusCode(400).body("violations.field", hasItem("receivedOn"));
        given().header("Authorization", Tokens.bearer(OFFICER)).contentType(ContentType.JSON)
                .body(Map.of("year", 1999, "amount", -1, "source", "", "receivedOn", "2025-12-01"))
                .post("/api/industry/cooperatives/" + coop + "/income").then().statusCode(400)
                .body("violations.field", hasItem("year")).body("violations.field", hasItem("amount"));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/cooperatives/collective-economy?year=1800")
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/cooperatives?size=500").then().statusCode(400)
                .body("violations.field", hasItem("size"));
        given().header("Authorization", Tokens.bearer(OFFICER)).get("/api/industry/dictionary").then()
                .body("cooperativeKind.label", hasItem("村(社区)集体经济组织")).body("baseRelation.code", hasItem("EMPLOYED"));
    }

    @Test
    void aMemberFromAnotherTownshipIsOnlyCountedForTheCooperativesTownship() {
        String site = IndustryFixtures.site("潋江镇跨镇合作安置点");
        String siteB = IndustryFixtures.site("高兴镇安置点", IndustryFixtures.TOWNSHIP_B);
        Household own = IndustryFixtures.household(site, new M("钟长生", "FARMING"));
        Household other = IndustryFixtures.household(siteB, IndustryFixtures.TOWNSHIP_B, new M("曾秀英", "UNEMPLOYED"));
        String coop = create("county.admin", org("COOPERATIVE", site, "兴国县跨镇油茶专业合作社"));
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdId", own.id(), "shares", 2, "joinedOn", "2023-01-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(201);
        String otherMember = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdId", other.id(), "shares", 1, "joinedOn", "2023-01-10"))
                .post("/api/industry/cooperatives/" + coop + "/members").then().statusCode(201).extract().path("id");

        // township A sees its own household and only the number of the other township's
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/industry/cooperatives/" + coop + "/members")
                .then().statusCode(200).body("total", equalTo(1)).body("items", hasSize(1))
                .body("items[0].householdNo", equalTo(own.householdNo())).body("householdsOutsideScope", equalTo(1))
                .body(not(containsString(other.householdNo()))).body(not(containsString(other.id().toString())));
        assertEquals(0, auditedListsNaming("cooperative-member", other.id()), "only what was shown is audited");
        assertEquals(1, auditedListsNaming("cooperative-member", own.id()));
        // nor can it end that membership
        given().header("Authorization", Tokens.bearer("township.a")).contentType(ContentType.JSON)
                .body(Map.of("leftOn", "2024-01-10", "reason", "退社"))
                .post("/api/industry/cooperatives/" + coop + "/members/" + otherMember + "/left").then().statusCode(404)
                .contentType("application/problem+json");
        // the county sees both
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/industry/cooperatives/" + coop + "/members")
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
