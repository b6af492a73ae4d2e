package cn.resettle.employment.labour;

import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The labour registry 劳动力台账 and its five lists, fed by registry events on the real broker. */
@QuarkusTest
public class LabourRegistryTest {

    static final String SITE = "XG-LJ-001";
    static final String REGION = "360732100";

    @Inject
    EntityManager em;

    /** A household of the registry copy (as community announces it), members given as ID number → labour capacity. */
    public static HouseholdSnapshot household(String site, String region, Map<String, String> members) {
        UUID id = UUID.randomUUID();
        HouseholdSnapshot h = TestEvents.household(id, TestIds.code("LAB"), site, region, members);
        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/employment/registry/households/" + id)
                        .then().statusCode(200));
        return h;
    }

    static Map<String, Object> update(Long version, List<String> skills, Boolean wish, boolean training, List<String> trainingSkills) {
        Map<String, Object> b = new HashMap<>();
        if (version != null) {
            b.put("version", version);
        }
        b.put("skills", skills);
        b.put("wishToWork", wish);
        b.put("trainingWish", training);
        b.put("trainingSkills", trainingSkills);
        return b;
    }

    @Test
    void theDictionaryNamesSkillsAndListsInChinese() {
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/employment/dictionary").then().statusCode(200)
                .body("skills.find { it.code == 'ELECTRICIAN' }.label", equalTo("电工"))
                .body("skills.find { it.code == 'NAVEL_ORANGE' }.categoryLabel", equalTo("种养殖"))
                .body("labourList.find { it.code == 'SEEKING' }.label", equalTo("未就业有就业意愿人员名单"))
                .body("labourCapacity.find { it.code == 'WEAK' }.label", equalTo("弱劳动力或半劳动力"));
    }

    @Test
    void aSiteKeepsItsPeoplesSkillsAndWishesAndSeesThemInTheFiveLists() throws Exception {
        Map<String, String> members = new LinkedHashMap<>();
        String fullId = TestIds.citizenId(1984, 3, 12, true);
        String weakId = TestIds.citizenId(1962, 7, 2, false);
        String noneId = TestIds.citizenId(1941, 1, 9, true);
        members.put(fullId, "FULL");
        members.put(weakId, "WEAK");
        members.put(noneId, "NONE");
        HouseholdSnapshot h = household(SITE, REGION, members);
        UUID full = h.members().get(0).id();
        UUID weak = h.members().get(1).id();
        UUID none = h.members().get(2).id();
        String worker = Tokens.bearer("worker.a1");

        // who can work is in the registry; the person without labour capacity is not
        given().header("Authorization", worker).get("/api/employment/labour?householdId=" + h.id()).then().statusCode(200)
                .body("total", equalTo(2)).body("items.personId", hasItems(full.toString(), weak.toString()))
                .body("items.personId", not(hasItem(none.toString())))
                .body("items.find { it.personId == '" + full + "' }.idNumber", equalTo(fullId.substring(0, 6) + "********" + fullId.substring(14)))
                .body("items[0].birthDate", nullValue()).body("items[0].version", nullValue())
                .body("items.find { it.personId == '" + full + "' }.age", equalTo(java.time.Year.now().getValue() - 1984));

        // skills are codes of the dictionary: an unknown code is refused naming the field, free text is bad input
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(null, List.of("ELECTRICIAN", "ROCKET_SCIENCE"), true, false, List.of()))
                .put("/api/employment/labour/" + full).then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://resettle.cn/problems/unknown-skill"))
                .body("violations[0].field", equalTo("skills")).body("detail", containsString("ROCKET_SCIENCE"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(null, List.of("电工"), true, false, List.of()))
                .put("/api/employment/labour/" + full).then().statusCode(400)
                .body("violations[0].field", containsString("skills"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(null, List.of("ELECTRICIAN"), true, true, List.of("NOT_A_SKILL")))
                .put("/api/employment/labour/" + full).then().statusCode(422).body("violations[0].field", equalTo("trainingSkills"));

        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(null, List.of("ELECTRICIAN", "WELDER"), true, true, List.of("ECOMMERCE")))
                .put("/api/employment/labour/" + full).then().statusCode(200)
                .body("skills", equalTo(List.of("ELECTRICIAN", "WELDER"))).body("version", equalTo(0))
                .body("checkedOn", equalTo(java.time.LocalDate.now().toString()));
        // a second writer who read the empty record loses
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(null, List.of("MASON"), true, false, List.of()))
                .put("/api/employment/labour/" + full).then().statusCode(409).body("type", containsString("stale-version"));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(0L, List.of("ELECTRICIAN", "WELDER"), true, true, List.of("ECOMMERCE")))
                .put("/api/employment/labour/" + full).then().statusCode(200).body("version", equalTo(1));
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(null, List.of("HANDICRAFT"), false, false, List.of()))
                .put("/api/employment/labour/" + weak).then().statusCode(200);
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(update(null, List.of(), true, false, List.of()))
                .put("/api/employment/labour/" + none).then().statusCode(422).body("type", containsString("no-labour-capacity"));

        String base = "/api/employment/labour?householdId=" + h.id();
        given().header("Authorization", worker).get(base + "&list=SEEKING").then()
                .body("total", equalTo(1)).body("items[0].personId", equalTo(full.toString()));
        given().header("Authorization", worker).get(base + "&list=TRAINING").then()
                .body("total", equalTo(1)).body("items[0].trainingSkills", equalTo(List.of("ECOMMERCE")));
        given().header("Authorization", worker).get(base + "&skill=HANDICRAFT").then()
                .body("total", equalTo(1)).body("items[0].personId", equalTo(weak.toString()));
        given().header("Authorization", worker).get(base + "&list=EMPLOYED").then().body("total", equalTo(0));

        // a public-welfare post: the person moves to the employed and the public-welfare lists
        given().header("Authorization", worker).contentType(ContentType.JSON)
                .body(Map.of("employer", "潋江镇人民政府", "since", "2026-03-01", "kind", "PUBLIC_WELFARE_POST"))
                .post("/api/employment/people/" + weak + "/placement").then().statusCode(200);
        given().header("Authorization", worker).get(base + "&list=PUBLIC_WELFARE").then()
                .body("total", equalTo(1)).body("items[0].employer", equalTo("潋江镇人民政府"))
                .body("items[0].employmentStatus", equalTo("PUBLIC_WELFARE_POST"));
        given().header("Authorization", worker).get(base + "&list=EMPLOYED").then().body("total", equalTo(1));
        given().header("Authorization", worker).get(base + "&list=ENTREPRENEUR").then().body("total", equalTo(0));

        // another site's worker does not see these people, a township official of the township does
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/employment/labour/" + full).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("worker.b1")).get(base).then().body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("worker.b1")).contentType(ContentType.JSON)
                .body(update(1L, List.of("MASON"), true, false, List.of())).put("/api/employment/labour/" + full).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("township.a")).get(base).then().body("total", equalTo(2));
        given().header("Authorization", Tokens.bearer("township.b")).get(base).then().body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer("resident.a1")).get(base).then().statusCode(403);
        given().get(base).then().statusCode(401);

        // the list as Excel, Chinese headers and labels, masked ID number
        byte[] xlsx = given().header("Authorization", worker).get("/api/employment/labour/export.xlsx?list=SEEKING&siteCode=" + SITE)
                .then().statusCode(200).contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals("户编号", rows.get(0).getCellText(0));
            Row mine = rows.stream().filter(r -> h.householdNo().equals(r.getCellText(0))).findFirst().orElseThrow();
            assertEquals(fullId.substring(0, 6) + "********" + fullId.substring(14), mine.getCellText(4));
            assertEquals("电工、焊工", mine.getCellText(12));
            assertEquals("未就业", mine.getCellText(8));
            assertTrue(rows.stream().noneMatch(r -> r.getCellText(4).equals(fullId)), "no clear ID number in the ledger");
            assertEquals(1, rows.stream().filter(r -> h.householdNo().equals(r.getCellText(0))).count());
        }

        // every read of these people is in the audit trail, the export naming the household
        List<?> audited = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select action from audit_log where actor = 'worker.a1' and subject_type = 'labour-record' "
                + "and cast(?1 as uuid) = any(household_ids)").setParameter(1, h.id().toString()).getResultList());
        assertTrue(audited.containsAll(List.of("LIST", "EXPORT")), "audited: " + audited);
    }

    @Test
    void listsPageAndRefuseBadFilters() {
        Map<String, String> members = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            members.put(TestIds.citizenId(1980 + i, 1 + i, 10, i % 2 == 0), "FULL");
        }
        HouseholdSnapshot h = household(SITE, REGION, members);
        String emp = Tokens.bearer("emp.officer");
        given().header("Authorization", emp).get("/api/employment/labour?householdId=" + h.id() + "&size=2&page=2").then()
                .body("total", equalTo(5)).body("items.size()", equalTo(1)).body("totalPages", equalTo(3));
        List<String> all = given().header("Authorization", emp).get("/api/employment/labour?householdId=" + h.id() + "&size=2&page=0")
                .then().extract().path("items.personId");
        assertEquals(2, all.size());
        given().header("Authorization", emp).get("/api/employment/labour?list=NOPE").then().statusCode(400)
                .body("violations[0].field", equalTo("list"));
        given().header("Authorization", emp).get("/api/employment/labour?size=1000").then().statusCode(400)
                .body("violations[0].field", containsString("size"));
        given().header("Authorization", emp).get("/api/employment/labour?regionCode=abc").then().statusCode(400);
    }
}
