package cn.resettle.employment;

import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
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

/**
 * Batch delivery: the consumers apply each poll in one transaction. The records of each test are produced together
 * (one produce request, one partition), so the consumer receives them in one poll: a poison record in the middle of
 * the batch is dead-lettered alone while its neighbours are applied; an event id twice in the batch is applied once;
 * several versions of a household in one batch leave the copy as applying them one by one would.
 */
@QuarkusTest
class BatchDeliveryTest {

    static final String SITE = "XG-LJ-001";
    static final String REGION = "360732100";

    static String admin() {
        return Tokens.bearer("county.admin");
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatchIsDeadLetteredAloneAndItsNeighboursAreApplied() throws Exception {
        HouseholdSnapshot a = TestEvents.household(UUID.randomUUID(), TestIds.code("BATCH-A"), SITE, REGION,
                Map.of(TestIds.citizenId(1986, 4, 4, true), "FULL"));
        HouseholdSnapshot b = TestEvents.household(UUID.randomUUID(), TestIds.code("BATCH-B"), SITE, REGION,
                Map.of(TestIds.citizenId(1988, 8, 8, false), "FULL"));
        TestEvents.registerHousehold(a);
        TestEvents.registerHousehold(b);
        for (HouseholdSnapshot h : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin())
                    .get("/api/employment/registry/households/" + h.id()).then().statusCode(200));
        }
        UUID riskA = UUID.randomUUID();
        UUID riskB = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        String key = a.id().toString();
        // a readable envelope whose payload no risk can be made of: it fails inside the batch's transaction
        EventEnvelope bad = new EventEnvelope("1.0", poison, "cn.resettle.monitoring.risk.flagged.v1",
                "/resettle/monitoring-service", key, OffsetDateTime.now(), "application/json",
                TestEvents.JSON.readTree("{\"riskId\":\"not-a-uuid\",\"householdId\":[1,2]}"));
        sendTogether(Topics.MONITORING, key, List.of(
                envelope(UUID.randomUUID(), "cn.resettle.monitoring.risk.flagged.v1", key, DeliveryTest.risk(a, riskA)),
                bad,
                envelope(UUID.randomUUID(), "cn.resettle.monitoring.risk.flagged.v1", key, DeliveryTest.risk(b, riskB))));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin())
                .get("/api/employment/ops/dead-letters?size=200").then().statusCode(200)
                .body("items.eventId", hasItem(poison.toString())));
        given().header("Authorization", admin()).get("/api/employment/ops/dead-letters?size=200").then()
                .body("items.find { it.eventId == '" + poison + "' }.reason", containsString("malformed"));
        for (UUID risk : List.of(riskA, riskB)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin())
                    .get("/api/employment/tasks?riskId=" + risk).then().body("total", equalTo(1)));
        }
        // the neighbours were not dead-lettered with it
        given().header("Authorization", admin()).get("/api/employment/ops/dead-letters?size=200").then()
                .body("items.subject", not(hasItem(b.id().toString())));
    }

    @Test
    void anEventTwiceInOneBatchIsAppliedOnceAndVersionsInOneBatchCountAsOneByOne() throws Exception {
        UUID household = UUID.randomUUID();
        String head = TestIds.citizenId(1981, 1, 11, true);
        String wife = TestIds.citizenId(1983, 3, 13, false);
        String child = TestIds.citizenId(2010, 10, 10, true);
        HouseholdSnapshot v0 = TestEvents.household(household, TestIds.code("BATCH-V"), SITE, REGION, Map.of(head, "FULL"));
        UUID first = UUID.randomUUID();
        String key = household.toString();
        String registered = "cn.resettle.community.household.registered.v1";
        String added = "cn.resettle.community.household.member-added.v1";
        sendTogether(Topics.COMMUNITY, key, List.of(
                envelope(first, registered, key, Map.of("household", v0)),
                // the same event id again, even with a higher version: skipped
                envelope(first, registered, key, Map.of("household", version(v0, 7, head, wife, child))),
                envelope(UUID.randomUUID(), added, key, Map.of("household", version(v0, 1, head, wife))),
                // an older version after a newer one: skipped by the version guard
                envelope(UUID.randomUUID(), added, key, Map.of("household", version(v0, 0, head))),
                envelope(UUID.randomUUID(), added, key, Map.of("household", version(v0, 2, head, wife, child)))));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", admin())
                .get("/api/employment/registry/households/" + household).then().statusCode(200)
                .body("version", equalTo(2)).body("memberCount", equalTo(3)).body("eventsApplied", equalTo(3))
                .body("members.size()", equalTo(3)));
    }

    /** The snapshot at another version with the given members (same member ids for the same ID numbers). */
    static HouseholdSnapshot version(HouseholdSnapshot base, long version, String... idNumbers) {
        List<HouseholdSnapshot.Member> members = java.util.Arrays.stream(idNumbers).map(n -> {
            String h = TestEvents.HASH.of(n);
            return base.members().stream().filter(m -> m.idNumberHash().equals(h)).findFirst()
                    .orElseGet(() -> HouseholdSnapshot.Member.of(UUID.nameUUIDFromBytes((base.id() + n).getBytes()), n,
                            TestEvents.HASH, "成员" + n.substring(14), "F", Integer.parseInt(n.substring(6, 10)), "SPOUSE",
                            "FULL", "UNEMPLOYED", "HEALTHY", "ACTIVE"));
        }).toList();
        return new HouseholdSnapshot(base.id(), version, base.householdNo(), base.siteId(), base.siteCode(),
                base.regionCode(), base.relocationType(), base.placementType(), base.houseType(), base.originPlace(),
                base.status(), members);
    }

    static EventEnvelope envelope(UUID id, String type, String subject, Object payload) {
        return new EventEnvelope("1.0", id, type, "/resettle/test", subject, OffsetDateTime.now(), "application/json",
                TestEvents.JSON.valueToTree(payload));
    }

    /** All records in one produce request to one partition, so one poll of the consumer holds them all. */
    static void sendTogether(String topic, String key, List<EventEnvelope> events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEvents.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (EventEnvelope e : events) {
                producer.send(new ProducerRecord<>(Topics.physical(topic), key, TestEvents.JSON.writeValueAsString(e)));
            }
            producer.flush();
        }
    }
}
