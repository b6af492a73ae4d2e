package cn.resettle.common.testing;

import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service that keeps a registry copy must do, checked against the real broker: registry events on the
 * community topic (written here as community-service would) become the copy; a repeated event id is applied once;
 * an older version never overwrites a newer one; the copy is scoped and masked; a malformed record is dead-lettered
 * with its reason instead of blocking the partition.
 */
public abstract class AbstractRegistryCopyTest {

    protected abstract String basePath();

    protected abstract String deadLetterTopic();

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    static String bootstrap() {
        return ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:" + System.getenv().getOrDefault("KAFKA_PORT", "9092"));
    }

    @BeforeAll
    static void producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    static HouseholdSnapshot snapshot(UUID id, long version, String siteCode, String region, String... idNumbers) {
        List<HouseholdSnapshot.Member> members = java.util.Arrays.stream(idNumbers)
                .map(n -> HouseholdSnapshot.Member.of(UUID.randomUUID(), n, TestEvents.HASH, "成员", "M", 1980,
                        "HEAD", "FULL", "UNEMPLOYED", "HEALTHY", "ACTIVE")).toList();
        return new HouseholdSnapshot(id, version, TestIds.code("P"), UUID.randomUUID(), siteCode, region, "POVERTY",
                "CENTRALIZED", null, null, "ACTIVE", members);
    }

    static void send(UUID eventId, String type, HouseholdSnapshot h) throws Exception {
        EventEnvelope e = new EventEnvelope("1.0", eventId, type, "/resettle/community-service", h.id().toString(),
                OffsetDateTime.now(), "application/json", JSON.valueToTree(Map.of("household", h)));
        producer.send(new ProducerRecord<>(Topics.physical(Topics.COMMUNITY), h.id().toString(), JSON.writeValueAsString(e))).get();
    }

    @Test
    void registryEventsBecomeTheCopyOnceAndInOrder() throws Exception {
        UUID household = UUID.randomUUID();
        String a = TestIds.citizenId(1980, 1, 1, true);
        String b = TestIds.citizenId(1982, 2, 2, false);
        UUID first = UUID.randomUUID();
        send(first, "cn.resettle.community.household.registered.v1", snapshot(household, 0, "XG-LJ-001", "360732100", a));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get(basePath() + "/" + household)
                        .then().statusCode(200).body("memberCount", equalTo(1)).body("members[0].idNumber", equalTo(masked(a))));

        // the same event id again, even carrying a higher version, is skipped by the inbox
        send(first, "cn.resettle.community.household.registered.v1", snapshot(household, 5, "XG-LJ-001", "360732100", a, b, a.substring(0, 17) + "0"));
        // a late older version is skipped by the version guard
        send(UUID.randomUUID(), "cn.resettle.community.household.updated.v1", snapshot(household, 0, "XG-LJ-001", "360732100"));
        // the next real change is applied
        send(UUID.randomUUID(), "cn.resettle.community.household.member-added.v1", snapshot(household, 1, "XG-LJ-001", "360732100", a, b));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get(basePath() + "/" + household)
                        .then().statusCode(200).body("version", equalTo(1)).body("memberCount", equalTo(2))
                        .body("eventsApplied", equalTo(2)));
    }

    @Test
    void theCopyIsScopedAndMasked() throws Exception {
        UUID household = UUID.randomUUID();
        String a = TestIds.citizenId(1979, 3, 3, true);
        send(UUID.randomUUID(), "cn.resettle.community.household.registered.v1", snapshot(household, 0, "XG-LJ-001", "360732100", a));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get(basePath() + "/" + household)
                        .then().statusCode(200));
        given().header("Authorization", Tokens.bearer("township.b")).get(basePath() + "/" + household)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("township.a")).get(basePath() + "/" + household)
                .then().statusCode(200).body("members[0].idNumber", equalTo(masked(a)))
                .body("members[0].birthYear", equalTo(1980)).body("members[0]", not(hasKey("birthDate")));
        given().header("Authorization", Tokens.bearer("township.b")).get(basePath() + "?size=200")
                .then().statusCode(200).body("items.findAll { it.id == '" + household + "' }.size()", equalTo(0));
        given().get(basePath()).then().statusCode(401);
    }

    static String masked(String id) {
        return id.substring(0, 6) + "********" + id.substring(14);
    }

    /**
     * The copy never holds a clear ID number or birth date, whoever reads it (a county administrator included; the
     * registry itself is where the full number is kept), and an event published before the privacy hardening, which
     * still carries {@code idNumber} and {@code birthDate}, is hashed, masked and cut to the year on arrival.
     */
    @Test
    void theCopyHoldsNoClearIdNumbers() throws Exception {
        UUID household = UUID.randomUUID();
        String a = TestIds.citizenId(1975, 6, 7, false);
        HouseholdSnapshot legacy = snapshot(household, 0, "XG-LJ-001", "360732100");
        legacy = new HouseholdSnapshot(legacy.id(), 0, legacy.householdNo(), legacy.siteId(), legacy.siteCode(),
                legacy.regionCode(), legacy.relocationType(), legacy.placementType(), null, null, "ACTIVE",
                List.of(new HouseholdSnapshot.Member(UUID.randomUUID(), null, null, "旧事件", "F", null, "HEAD", "FULL",
                        "UNEMPLOYED", "HEALTHY", "ACTIVE", a, LocalDate.of(1975, 6, 7))));
        send(UUID.randomUUID(), "cn.resettle.community.household.registered.v1", legacy);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get(basePath() + "/" + household)
                        .then().statusCode(200).body("members[0].idNumber", equalTo(masked(a)))
                        .body("members[0].birthYear", equalTo(1975)).body("members[0]", not(hasKey("birthDate"))));
        try (Connection c = DriverManager.getConnection(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"));
             Statement st = c.createStatement()) {
            ResultSet cols = st.executeQuery("select string_agg(column_name, ',') from information_schema.columns "
                    + "where table_name = 'registry_person' and table_schema = current_schema()");
            cols.next();
            String columns = cols.getString(1);
            assertFalse(columns.contains("id_number,") || columns.endsWith("id_number") || columns.contains("birth_date"), columns);
            ResultSet row = st.executeQuery("select p::text from registry_person p where household_id = '" + household + "'");
            assertTrue(row.next());
            String stored = row.getString(1);
            assertFalse(stored.contains(a) || stored.contains(a.substring(6, 14)), "clear ID number or birth date in " + stored);
            assertTrue(stored.contains(TestEvents.HASH.of(a)), stored);
        }
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    @Test
    void aMalformedRecordIsDeadLetteredWithItsReason() throws Exception {
        String marker = "not-an-event-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.physical(Topics.COMMUNITY), marker, "{\"garbage\":\"" + marker + "\"}")).get();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.physical(deadLetterTopic())));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                c.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.value() != null && r.value().contains(marker)) {
                        found.set(r);
                    }
                });
                return found.get() != null;
            });
        }
        Header reason = found.get().headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "the dead letter says why");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("envelope")
                || new String(reason.value(), StandardCharsets.UTF_8).contains("event without id"),
                new String(reason.value(), StandardCharsets.UTF_8));
    }
}
