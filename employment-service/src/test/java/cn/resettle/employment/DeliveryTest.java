package cn.resettle.employment;

import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.MonitoringEvents.RiskFlagged;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Delivery against the real broker and database: an event that arrives before the facts it needs waits for them;
 * a record that fails on its own is dead-lettered with a reason free of personal data, listed for operators and
 * replayed once however often it is replayed; an outbox row the broker can never take is parked, visible in health,
 * and does not hold back the events after it.
 */
@QuarkusTest
class DeliveryTest {

    static final String SITE = "XG-LJ-001";
    static final String REGION = "360732100";

    @Inject
    EntityManager em;

    static String admin() {
        return Tokens.bearer("county.admin");
    }

    static RiskFlagged risk(HouseholdSnapshot h, UUID riskId) {
        return new RiskFlagged(riskId, h.id(), h.householdNo(), REGION, SITE, "INCOME_DROP", "VISIT", "HIGH", "test",
                OffsetDateTime.now());
    }

    @Test
    void aRiskThatArrivesBeforeTheRegistryCopyWaitsForItInsteadOfBeingDropped() {
        String head = TestIds.citizenId(1985, 5, 6, true);
        HouseholdSnapshot h = TestEvents.household(UUID.randomUUID(), TestIds.code("EARLY"), SITE, REGION, Map.of(head, "FULL"));
        UUID riskId = UUID.randomUUID();
        // monitoring's risk overtakes community's registration (different topics, no order between them)
        TestEvents.publish(Topics.MONITORING, h.id(), "cn.resettle.monitoring.risk.flagged.v1", risk(h, riskId));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/q/health/ready").then().body("checks.find { it.name == 'event-delivery' }.data.deferred",
                        greaterThanOrEqualTo(1)));
        given().header("Authorization", admin()).get("/api/employment/tasks?riskId=" + riskId).then().body("total", equalTo(0));

        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin()).get("/api/employment/tasks?riskId=" + riskId).then()
                        .body("total", equalTo(1)).body("items[0].kind", equalTo("JOB_MATCHING"))
                        .body("items[0].targetPeople", containsString("成员" + head.substring(14))));
    }

    @Test
    void aMalformedRecordIsListedWithoutPersonalDataAndAValidDeadLetterIsReplayedOnce() throws Exception {
        String idNumber = TestIds.citizenId(1979, 9, 9, false);
        String marker = "garbage-" + UUID.randomUUID();
        // unparseable, and carrying an ID number: the reason and the listing must not show it
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(Topics.physical(Topics.MONITORING), marker,
                    "{\"idNumber\":\"" + idNumber + "\",\"marker\":\"" + marker + "\"")).get();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin()).get("/api/employment/ops/dead-letters?size=200").then()
                        .statusCode(200).body("items.reason", hasItem(containsString("malformed"))));
        String listing = given().header("Authorization", admin()).get("/api/employment/ops/dead-letters?size=200").asString();
        org.junit.jupiter.api.Assertions.assertFalse(listing.contains(idNumber), "the listing shows no ID number");
        org.junit.jupiter.api.Assertions.assertFalse(listing.contains("payload\""), "the listing shows no payload");
        given().get("/q/health/ready").then().body("checks.find { it.name == 'event-delivery' }.data.deadLetters",
                greaterThanOrEqualTo(1));
        given().header("Authorization", Tokens.bearer("emp.officer")).get("/api/employment/ops/dead-letters").then().statusCode(403);

        // a valid event in the DLQ (dead-lettered before a fix): listed, replayed, applied once
        HouseholdSnapshot h = TestEvents.household(UUID.randomUUID(), TestIds.code("DLQ"), SITE, REGION,
                Map.of(TestIds.citizenId(1983, 3, 3, true), "FULL"));
        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin()).get("/api/employment/registry/households/" + h.id()).then().statusCode(200));
        UUID riskId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        EventEnvelope e = new EventEnvelope("1.0", eventId, "cn.resettle.monitoring.risk.flagged.v1", "/resettle/monitoring-service",
                h.id().toString(), OffsetDateTime.now(), "application/json", TestEvents.JSON.valueToTree(risk(h, riskId)));
        try (KafkaProducer<String, String> p = producer()) {
            ProducerRecord<String, String> r = new ProducerRecord<>(Topics.physical("resettle.employment.dlq"), h.id().toString(),
                    TestEvents.JSON.writeValueAsString(e));
            r.headers().add("dead-letter-topic", Topics.physical(Topics.MONITORING).getBytes(StandardCharsets.UTF_8));
            r.headers().add("dead-letter-reason", "failed 5 times: PSQLException [SQLState 23505]: duplicate key".getBytes(StandardCharsets.UTF_8));
            p.send(r).get();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", admin()).get("/api/employment/ops/dead-letters?status=PENDING&size=200").then()
                        .body("items.eventId", hasItem(eventId.toString())));
        Number id = given().header("Authorization", admin()).get("/api/employment/ops/dead-letters?status=PENDING&size=200")
                .then().extract().path("items.find { it.eventId == '" + eventId + "' }.id");
        given().header("Authorization", admin()).get("/api/employment/tasks?riskId=" + riskId).then().body("total", equalTo(0));

        given().header("Authorization", admin()).post("/api/employment/ops/dead-letters/" + id + "/replay").then()
                .statusCode(200).body("status", equalTo("REPLAYED")).body("replayResult", equalTo("applied"));
        given().header("Authorization", admin()).post("/api/employment/ops/dead-letters/" + id + "/replay").then()
                .statusCode(200).body("status", equalTo("REPLAYED"));
        given().header("Authorization", admin()).get("/api/employment/tasks?riskId=" + riskId).then().body("total", equalTo(1));
        given().header("Authorization", admin()).post("/api/employment/ops/dead-letters/99999999/replay").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anOutboxRowTooLargeForTheBrokerIsParkedAndTheNextEventsOfItsKeyStillGoInOrder() {
        String key = UUID.randomUUID().toString();
        UUID big = UUID.randomUUID();
        UUID after1 = UUID.randomUUID();
        UUID after2 = UUID.randomUUID();
        String huge = "x".repeat(3 * 1024 * 1024);
        QuarkusTransaction.requiringNew().run(() -> {
            insertOutbox(big, key, "{\"id\":\"" + big + "\",\"pad\":\"" + huge + "\"}");
            insertOutbox(after1, key, "{\"id\":\"" + after1 + "\"}");
            insertOutbox(after2, key, "{\"id\":\"" + after2 + "\"}");
        });
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/q/health/group/outbox").then().body("checks[0].data.parked", greaterThanOrEqualTo(1))
                        .body("checks[0].data.parkedReason", containsString("RecordTooLarge")));
        given().header("Authorization", admin()).get("/api/employment/ops/outbox/parked?size=200").then().statusCode(200)
                .body("items.id", hasItem(big.toString())).body("items[0].payload", nullValue());

        // the rows after it were sent, in their order
        List<String> seen = new ArrayList<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEvents.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "parked-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.physical("resettle.employment.parking-test")));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                c.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        seen.add(r.value());
                    }
                });
                return seen.size() >= 2;
            });
        }
        assertEquals(2, seen.size());
        org.junit.jupiter.api.Assertions.assertTrue(seen.get(0).contains(after1.toString()) && seen.get(1).contains(after2.toString()), seen.toString());
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/q/health/group/outbox").then().body("checks[0].data.pending", equalTo(0)));
    }

    private void insertOutbox(UUID id, String key, String payload) {
        em.createNativeQuery("insert into outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload, occurred_at) "
                        + "values (?1, 'test', ?2, 'cn.resettle.test.parking.v1', 'resettle.employment.parking-test', ?3, now())")
                .setParameter(1, id).setParameter(2, key).setParameter(3, payload).executeUpdate();
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEvents.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
