package cn.resettle.community;

import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry through its REST API, against the real PostgreSQL, Kafka broker and Keycloak. */
@QuarkusTest
class RegistryTest {

    @Inject
    AgroalDataSource db;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String siteA;
    static String siteACode = "XG-LJ-001";

    String ensureSiteA() {
        if (siteA != null) {
            return siteA;
        }
        var existing = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/sites?regionCode=360732100&size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.code == 'XG-LJ-001' }.id", String.class);
        if (!existing.isEmpty()) {
            return siteA = existing.get(0);
        }
        siteA = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", siteACode, "name", "潋江安置点", "countyCode", "360732", "townshipCode", "360732100",
                        "areaType", "URBAN", "chiefName", "李点长", "chiefPhone", "13800001111"))
                .post("/api/community/sites").then().statusCode(201).extract().path("id");
        return siteA;
    }

    Map<String, Object> member(String id, String name, String relationship, String labour, String employment) {
        return Map.of("idNumber", id, "name", name, "relationship", relationship, "labourCapacity", labour,
                "employmentStatus", employment);
    }

    String registerHousehold(String householdNo, String... ids) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            members.add(member(ids[i], "成员" + i, i == 0 ? "HEAD" : "CHILD", "FULL", "UNEMPLOYED"));
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", householdNo, "siteId", ensureSiteA(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "phone", "13912345678", "members", members))
                .post("/api/community/households").then().statusCode(201).extract().path("id");
    }

    @Test
    void registersAHouseholdWithTwoPeopleAndPublishesItsEvent() throws Exception {
        String head = TestIds.citizenId(1980, 1, 1, true);
        String spouse = TestIds.citizenId(1982, 2, 2, false);
        String no = TestIds.code("H");
        String id = registerHousehold(no, head, spouse);

        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/households/" + id)
                .then().statusCode(200)
                .body("householdNo", equalTo(no))
                .body("siteCode", equalTo(siteACode))
                .body("regionCode", equalTo("360732100"))
                .body("memberCount", equalTo(2))
                .body("members.idNumber", hasItem(head))          // county administrator sees full ID numbers
                .body("members[1].gender", equalTo("F"))           // derived from the ID number
                .body("headName", equalTo("成员0"));

        // the outbox relay published it to Kafka with the household id as key
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.physical(Topics.COMMUNITY)));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (id.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            String value = found.get(0).value();
            assertTrue(value.contains("\"type\":\"cn.resettle.community.household.registered.v1\""), value);
            assertTrue(value.contains("\"subject\":\"" + id + "\""), value);
            // the clear ID number and birth date never travel; the keyed hash and the masked form do
            assertFalse(value.contains(head) || value.contains("1980-01-01"), value);
            assertTrue(value.contains("\"idNumberHash\":\"" + TestEvents.HASH.of(head) + "\""), value);
            assertTrue(value.contains("\"idNumberMasked\":\"" + head.substring(0, 6) + "********" + head.substring(14) + "\""), value);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> unsent(id) == 0);
    }

    @Test
    void siteWorkerOfAnotherSiteCannotSeeTheHouseholdAndOthersSeeMaskedIds() {
        String head = TestIds.citizenId(1975, 5, 5, true);
        String id = registerHousehold(TestIds.code("H"), head);

        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/households/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("worker.b1")).get("/api/community/households?size=200")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/community/households/" + id)
                .then().statusCode(404);

        // the worker of the household's own site sees it, with the ID number and phone masked
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/households/" + id)
                .then().statusCode(200)
                .body("members[0].idNumber", equalTo(head.substring(0, 6) + "********" + head.substring(14)))
                .body("phone", equalTo("139****5678"));
    }

    @Test
    void readsOfPersonalDataAreAudited() throws Exception {
        String id = registerHousehold(TestIds.code("H"), TestIds.citizenId(1990, 3, 3, true));
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/households/" + id)
                .then().statusCode(200);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select actor, action, path from audit_log where subject_type = 'household' and subject_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a read of a household leaves an audit row");
                assertEquals("worker.a1", rs.getString(1));
                assertEquals("READ", rs.getString(2));
                assertEquals("/api/community/households/" + id, rs.getString(3));
            }
        }
    }

    @Test
    void wrongCheckDigitIsA400NamingTheField() {
        String bad = TestIds.withWrongCheckDigit(TestIds.citizenId(1980, 1, 1, true));
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("H"), "siteId", ensureSiteA(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED",
                        "members", List.of(member(bad, "张三", "HEAD", "FULL", "UNEMPLOYED"))))
                .post("/api/community/households")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("members[0].idNumber"))
                .body("violations[0].message", containsString("check digit"));
    }

    @Test
    void badInputNeverGivesA500() {
        String admin = Tokens.bearer("county.admin");
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{not json")
                .post("/api/community/households").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://resettle.cn/problems/malformed-json"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("householdNo", "X1", "relocationType", "SOMETHING", "placementType", "DISPERSED"))
                .post("/api/community/households").then().statusCode(400)
                .body("violations[0].field", equalTo("relocationType"));
        given().header("Authorization", admin).get("/api/community/households/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", admin).get("/api/community/households?size=5000")
                .then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().header("Authorization", admin).get("/api/community/households/not-a-uuid")
                .then().statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("H"), "relocationType", "POVERTY", "placementType", "DISPERSED"))
                .post("/api/community/households").then().statusCode(400)
                .body("violations[0].field", equalTo("regionCode"));
        given().get("/api/community/households").then().statusCode(401);
    }

    @Test
    void staleUpdateIs409AndMoveOutKeepsTheRecord() {
        String id = registerHousehold(TestIds.code("H"), TestIds.citizenId(1970, 7, 7, true));
        String admin = Tokens.bearer("county.admin");
        int version = given().header("Authorization", admin).get("/api/community/households/" + id)
                .then().extract().path("version");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", version, "houseType", "APARTMENT", "originPlace", "兴国县高兴镇"))
                .put("/api/community/households/" + id).then().statusCode(200).body("houseType", equalTo("APARTMENT"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", version, "houseType", "ONE_HOUSE"))
                .put("/api/community/households/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://resettle.cn/problems/stale-version"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", version + 1, "reason", "投靠子女", "movedOutOn", "2026-11-01"))
                .post("/api/community/households/" + id + "/move-out").then().statusCode(200)
                .body("status", equalTo("MOVED_OUT"));
        given().header("Authorization", admin).get("/api/community/households?status=MOVED_OUT&size=200")
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void duplicateIdNumberIsAConflict() {
        String head = TestIds.citizenId(1960, 6, 6, true);
        registerHousehold(TestIds.code("H"), head);
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("H"), "siteId", ensureSiteA(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(member(head, "重复", "HEAD", "FULL", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(409)
                .body("type", equalTo("https://resettle.cn/problems/duplicate-id-number"));
    }

    @Test
    void filtersByLabourCapacityAndSiteWorkerCannotCreateElsewhere() {
        String id = registerHousehold(TestIds.code("H"), TestIds.citizenId(1988, 8, 8, true));
        given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/households?labourCapacity=FULL&siteId=" + ensureSiteA() + "&size=200")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/households?labourCapacity=NONE&size=200")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", Tokens.bearer("worker.b1")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("H"), "siteId", ensureSiteA(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED"))
                .post("/api/community/households").then().statusCode(403);
    }

    @Test
    void anotherGovernmentSystemReadsWithClientCredentialsInsideItsRegion() {
        String head = TestIds.citizenId(1966, 6, 16, true);
        String id = registerHousehold(TestIds.code("H"), head);
        String system = "Bearer " + Tokens.system();
        given().header("Authorization", system).get("/api/community/households/" + id).then().statusCode(200)
                .body("members[0].idNumber", equalTo(head.substring(0, 6) + "********" + head.substring(14)));
        given().header("Authorization", system).contentType(ContentType.JSON)
                .body(Map.of("householdNo", TestIds.code("H"), "siteId", ensureSiteA(), "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED"))
                .post("/api/community/households").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void dictionaryHasChineseLabels() {
        given().header("Authorization", Tokens.bearer("worker.a1")).get("/api/community/dictionary")
                .then().statusCode(200)
                .body("relocationType.find { it.code == 'POVERTY' }.label", equalTo("脱贫搬迁户"))
                .body("labourCapacity.code", hasItem("WEAK"));
    }

    @Test
    void ledgerExportsAsExcel() {
        registerHousehold(TestIds.code("H"), TestIds.citizenId(1985, 4, 4, true));
        byte[] xlsx = given().header("Authorization", Tokens.bearer("worker.a1"))
                .get("/api/community/households/ledger.xlsx").then().statusCode(200)
                .header("Content-Disposition", startsWith("attachment")).extract().asByteArray();
        assertTrue(xlsx.length > 1000 && xlsx[0] == 'P' && xlsx[1] == 'K', "an .xlsx (zip) file");
    }

    private long unsent(String aggregateId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox_event where aggregate_id = ? and sent_at is null")) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "registry-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
