package cn.resettle.common.testing;

import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.security.IdNumberHash;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Plays another service on the real broker: publishes envelopes as that service's outbox would, and waits for
 * an event the service under test publishes.
 */
public final class TestEvents {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;
    /** The keyed hash with the test configuration's key (the developer default unless a test sets one). */
    public static final IdNumberHash HASH = new IdNumberHash();

    private TestEvents() {
    }

    public static String bootstrap() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class).orElse(localKafka());
        } catch (RuntimeException e) {
            return localKafka();
        }
    }

    private static String localKafka() {
        return "localhost:" + System.getenv().getOrDefault("KAFKA_PORT", "9092");
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    public static UUID publish(String topic, Object key, String type, Object payload) {
        return publish(topic, key, UUID.randomUUID(), type, payload);
    }

    /** With the envelope id given: the same id again is a redelivery, which an idempotent consumer applies once. */
    public static UUID publish(String topic, Object key, UUID id, String type, Object payload) {
        EventEnvelope e = new EventEnvelope("1.0", id, type, "/resettle/test", key.toString(), OffsetDateTime.now(),
                "application/json", JSON.valueToTree(payload));
        try {
            producer().send(new ProducerRecord<>(Topics.physical(topic), key.toString(), JSON.writeValueAsString(e))).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return id;
    }

    /** A household as community-service would announce it, with members given as idNumber → labour capacity. */
    public static HouseholdSnapshot household(UUID id, String householdNo, String siteCode, String region,
                                              Map<String, String> members) {
        List<HouseholdSnapshot.Member> ms = members.entrySet().stream()
                .map(m -> HouseholdSnapshot.Member.of(UUID.randomUUID(), m.getKey(), HASH, "成员" + m.getKey().substring(14),
                        "M", Integer.parseInt(m.getKey().substring(6, 10)), "HEAD", m.getValue(), "UNEMPLOYED", "HEALTHY",
                        "ACTIVE")).toList();
        return new HouseholdSnapshot(id, 0, householdNo, UUID.randomUUID(), siteCode, region, "POVERTY", "CENTRALIZED",
                null, null, "ACTIVE", ms);
    }

    public static void registerHousehold(HouseholdSnapshot h) {
        publish(Topics.COMMUNITY, h.id(), "cn.resettle.community.household.registered.v1", Map.of("household", h));
    }

    /** Waits (up to 90 s) for an event on the topic whose envelope matches, reading from the beginning. */
    public static JsonNode awaitEvent(String topic, Predicate<JsonNode> match) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        AtomicReference<JsonNode> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.physical(topic)));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                c.poll(Duration.ofMillis(300)).forEach(r -> {
                    try {
                        JsonNode n = JSON.readTree(r.value());
                        if (found.get() == null && match.test(n)) {
                            found.set(n);
                        }
                    } catch (Exception ignored) {
                        // not an envelope: not the one we wait for
                    }
                });
                return found.get() != null;
            });
        }
        return found.get();
    }
}
