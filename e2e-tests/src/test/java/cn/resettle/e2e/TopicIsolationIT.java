package cn.resettle.e2e;

import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test run shares the broker with whatever suite the user is running, never its topics: the run's services
 * publish only to topics behind the run's prefix, and an event on the suite's own topics (no prefix) never reaches
 * them. Before the prefix, a test run consumed the user's households and the user's services consumed the tests'.
 */
class TopicIsolationIT {

    static final String SUITE_COMMUNITY_TOPIC = Topics.COMMUNITY; // what a suite started by suite.sh uses

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aTestRunsEventsStayOnItsOwnTopics() {
        String siteId = RegistryAcrossServicesIT.site("XG-LJ-001", "360732100");
        String householdNo = TestIds.code("ISO");
        String id = given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("householdNo", householdNo, "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "houseType", "APARTMENT",
                        "members", List.of(Map.of("idNumber", TestIds.citizenId(1975, 3, 8, true), "name", "钟永福",
                                "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");

        // the run's own topic carries it ...
        await().atMost(Duration.ofSeconds(90)).until(() -> subjects(Suite.TOPIC_PREFIX + Topics.COMMUNITY).contains(id));
        // ... and, once it is there, the suite's topic (read to its end) does not: the relay sends each row to one topic
        assertFalse(subjects(SUITE_COMMUNITY_TOPIC).contains(id), "a test event leaked onto the suite's own topic");
    }

    @Test
    void theSuitesEventsNeverReachATestRun() {
        UUID suiteHousehold = UUID.randomUUID();
        UUID testHousehold = UUID.randomUUID();
        // the user's running suite announces a household on its own topic ...
        TestEvents.publish(SUITE_COMMUNITY_TOPIC, suiteHousehold, "cn.resettle.community.household.registered.v1",
                Map.of("household", TestEvents.household(suiteHousehold, TestIds.code("USR"), "XG-LJ-001", "360732100",
                        Map.of(TestIds.citizenId(1969, 11, 2, true), "FULL"))));
        // ... then this run announces one on the run's topic; by the time the run's service has it, it has read
        // everything it is subscribed to up to there
        TestEvents.publish(Suite.TOPIC_PREFIX + Topics.COMMUNITY, testHousehold, "cn.resettle.community.household.registered.v1",
                Map.of("household", TestEvents.household(testHousehold, TestIds.code("RUN"), "XG-LJ-001", "360732100",
                        Map.of(TestIds.citizenId(1971, 4, 23, false), "FULL"))));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("emp.officer"))
                        .get("/api/employment/registry/households/" + testHousehold).then().statusCode(200)
                        .body("id", equalTo(testHousehold.toString())));
        given().header("Authorization", Tokens.bearer("emp.officer"))
                .get("/api/employment/registry/households/" + suiteHousehold).then().statusCode(404);
        assertTrue(subjects(SUITE_COMMUNITY_TOPIC).contains(suiteHousehold.toString()));
    }

    /** The subjects (aggregate ids) of every record on the topic, from the beginning to its end right now. */
    static List<String> subjects(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.KAFKA);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return keys;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    keys.add(r.key());
                }
            }
        }
        return keys;
    }
}
