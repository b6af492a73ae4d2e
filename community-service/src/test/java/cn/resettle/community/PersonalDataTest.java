package cn.resettle.community;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Personal data as a reader sees it: a masked view carries nothing that rebuilds the masked digits; every response
 * is audited with the households it showed, and an auditor can ask who saw a person's data.
 */
@QuarkusTest
class PersonalDataTest {

    @Inject
    AgroalDataSource db;

    static final String SITE_A = "XG-LJ-001";

    String site(String code, String township) {
        var existing = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/sites?size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.code == '" + code + "' }.id", String.class);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "测试安置点" + code, "countyCode", "360732", "townshipCode", township,
                        "areaType", "URBAN"))
                .post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    String register(String siteId, String householdNo, String head) {
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", householdNo, "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "phone", "13912345678",
                        "members", List.of(Map.of("idNumber", head, "name", "钟秀英", "relationship", "HEAD",
                                "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED", "phone", "13711112222"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    static String masked(String id) {
        return id.substring(0, 6) + "********" + id.substring(14);
    }

    @Test
    void aMaskedViewDoesNotCarryTheBirthDateTheMaskHides() throws Exception {
        String head = TestIds.citizenId(1983, 9, 14, false);
        String no = TestIds.code("PD");
        String id = register(site(SITE_A, "360732100"), no, head);

        // a site worker sees the masked number and the age, not the birth date (which would rebuild the number)
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/households/" + id)
                .then().statusCode(200)
                .body("members[0].idNumber", equalTo(masked(head)))
                .body("members[0]", not(hasKey("birthDate")))
                .body("members[0].age", notNullValue())
                .body("members[0].phone", equalTo("137****2222"));
        // those who see the full number see the birth date too
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/households/" + id)
                .then().statusCode(200).body("members[0].idNumber", equalTo(head))
                .body("members[0].birthDate", equalTo(birthDate(head)));

        // the same holds for the Excel ledger a site worker exports
        byte[] xlsx = given().header("Authorization", Tokens.bearer("worker.a1"))
                .get("/api/community/households/ledger.xlsx").then().statusCode(200).extract().asByteArray();
        List<String> row = ledgerRow(xlsx, no);
        assertTrue(row.contains(masked(head)), row.toString());
        String joined = String.join("|", row);
        assertFalse(joined.contains(birthDate(head)) || joined.contains(head.substring(6, 14)) || joined.contains(head), joined);
    }

    static String birthDate(String id) {
        return id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14);
    }

    static List<String> ledgerRow(byte[] xlsx, String householdNo) throws Exception {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row r : wb.getFirstSheet().read()) {
                if (householdNo.equals(r.getCellText(0))) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.getCellCount(); i++) {
                        cells.add(r.getCellText(i));
                    }
                    return cells;
                }
            }
        }
        throw new AssertionError("household " + householdNo + " is not in the ledger");
    }

    @Test
    void anAuditorFindsEveryResponseThatShowedAPerson() {
        // a site of its own so that the household is the only one a list or export by site shows
        String siteCode = TestIds.code("XG-AU");
        String siteId = site(siteCode, "360732100");
        String head = TestIds.citizenId(1961, 12, 1, true);
        String id = register(siteId, TestIds.code("AU"), head);
        String admin = Tokens.bearer("county.admin");

        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        given().header("Authorization", admin).get("/api/community/households/" + id).then().statusCode(200);
        given().header("Authorization", admin).get("/api/community/households?siteId=" + siteId).then().statusCode(200)
                .body("items.id", hasItem(id));
        given().header("Authorization", admin).get("/api/community/households/ledger.xlsx?siteId=" + siteId)
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer("township.a")).get("/api/community/households?siteId=" + siteId)
                .then().statusCode(200).body("items.id", hasItem(id));

        String auditor = Tokens.bearer("auditor.a");
        JsonPath trail = given().header("Authorization", auditor).queryParam("idNumber", head).queryParam("size", 50)
                .get("/api/community/audit").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = trail.getList("items");
        assertTrue(items.stream().anyMatch(e -> "READ".equals(e.get("action")) && "county.admin".equals(e.get("actor"))
                && Boolean.TRUE.equals(e.get("unmasked"))), items.toString());
        assertTrue(items.stream().anyMatch(e -> "LIST".equals(e.get("action")) && "county.admin".equals(e.get("actor"))
                && Boolean.TRUE.equals(e.get("unmasked"))), items.toString());
        assertTrue(items.stream().anyMatch(e -> "EXPORT".equals(e.get("action")) && "county.admin".equals(e.get("actor"))
                && Boolean.TRUE.equals(e.get("unmasked"))), items.toString());
        assertTrue(items.stream().anyMatch(e -> "LIST".equals(e.get("action")) && "township.a".equals(e.get("actor"))
                && Boolean.FALSE.equals(e.get("unmasked"))), items.toString());
        assertTrue(items.stream().allMatch(e -> ((List<?>) e.get("householdIds")).equals(List.of(id))), items.toString());

        // by user, by person id, only what was shown in clear, by time
        given().header("Authorization", auditor).queryParam("idNumber", head).queryParam("actor", "township.a")
                .get("/api/community/audit").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].action", equalTo("LIST"));
        given().header("Authorization", auditor).queryParam("householdId", id).queryParam("unmaskedOnly", true)
                .queryParam("from", before.toString())
                .get("/api/community/audit").then().statusCode(200)
                .body("items.actor", everyItem(equalTo("county.admin"))).body("items.action", hasItem("EXPORT"));
        given().header("Authorization", auditor).queryParam("idNumber", head)
                .queryParam("from", OffsetDateTime.now().plusHours(1).toString())
                .get("/api/community/audit").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", auditor).queryParam("from", "yesterday")
                .get("/api/community/audit").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        // only the auditor reads the trail
        given().header("Authorization", admin).get("/api/community/audit").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("auditor.a")).get("/api/community/households").then().statusCode(403);
    }

    @Test
    void aCountyLedgerIsOneAuditRowNamingEveryHousehold() throws Exception {
        register(site(SITE_A, "360732100"), TestIds.code("PD"), TestIds.citizenId(1977, 7, 17, true));
        long households = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/households?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
        long rowsBefore = count("select count(*) from audit_log where action = 'EXPORT'");
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/households/ledger.xlsx")
                .then().statusCode(200);
        assertEquals(rowsBefore + 1, count("select count(*) from audit_log where action = 'EXPORT'"));
        assertEquals(Math.min(households, 20_000), count("select cardinality(household_ids) from audit_log "
                + "where action = 'EXPORT' order by id desc limit 1"));
    }

    long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
