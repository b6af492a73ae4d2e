package cn.resettle.e2e;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.EventType;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/asyncapi.yaml (the machine-readable event catalogue) against the code: every JSON schema file is the data
 * of exactly one message, every message's data is a schema file that exists, every topic in {@link Topics} is a
 * channel and every channel is one of them, every event record's type is a message, and the task events are on
 * every task domain's topic. No servers.
 */
class AsyncApiDocumentTest {

    private static Path root;
    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        root = Path.of(System.getProperty("suite.root", ".."));
        doc = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docs/asyncapi.yaml").toFile());
    }

    @Test
    void isAnAsyncApi3DocumentWithAChannelPerTopic() {
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertEquals(new TreeSet<>(Topics.ALL), addresses, "channels = the topics of Topics");
    }

    @Test
    void everySchemaFileIsTheDataOfOneMessageAndEveryReferenceResolves() throws IOException {
        Path schemas = root.resolve("common/src/main/resources/schemas");
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(schemas)) {
            s.map(p -> p.getFileName().toString()).forEach(files::add);
        }
        Map<String, String> referenced = new HashMap<>();
        doc.path("components").path("messages").fields().forEachRemaining(m -> {
            String type = m.getValue().path("name").asText();
            String ref = dataRef(m.getValue());
            Path file = root.resolve("docs").resolve(ref).normalize();
            assertTrue(Files.isRegularFile(file), m.getKey() + " references " + ref);
            assertEquals(type + ".json", file.getFileName().toString(), m.getKey() + ": data schema of its own type");
            assertEquals(null, referenced.put(file.getFileName().toString(), m.getKey()), "one message per schema");
        });
        assertEquals(files, new TreeSet<>(referenced.keySet()), "every schema file is referenced");
    }

    @Test
    void everyEventRecordIsAMessageOnItsDomainsTopic() {
        Map<String, Set<String>> byTopic = messagesByTopic();
        for (Class<?> holder : List.of(CommunityEvents.class, MonitoringEvents.class, EmploymentEvents.class,
                cn.resettle.common.events.IndustryEvents.class)) {
            for (Class<?> e : holder.getDeclaredClasses()) {
                if (e.isAnnotationPresent(EventType.class)) {
                    String type = e.getAnnotation(EventType.class).value();
                    String domain = type.split("\\.")[2];
                    assertTrue(byTopic.get(Topics.forDomain(domain)).contains(type), type + " on " + Topics.forDomain(domain));
                }
            }
        }
        for (String domain : Topics.TASK_DOMAINS) {
            for (String type : List.of(TaskEvents.CREATED, TaskEvents.COMPLETED, TaskEvents.DECLINED, TaskEvents.CANCELLED)) {
                assertTrue(byTopic.get(Topics.forDomain(domain)).contains(type), type + " on " + Topics.forDomain(domain));
            }
        }
    }

    @Test
    void everyMessageNamesItsKey() {
        doc.path("components").path("messages").fields().forEachRemaining(m ->
                assertEquals("string", m.getValue().path("bindings").path("kafka").path("key").path("type").asText(), m.getKey()));
    }

    private static Map<String, Set<String>> messagesByTopic() {
        Map<String, Set<String>> byTopic = new HashMap<>();
        doc.path("channels").forEach(c -> {
            Set<String> types = new HashSet<>();
            c.path("messages").forEach(ref -> {
                String name = ref.path("$ref").asText().replace("#/components/messages/", "");
                JsonNode m = doc.path("components").path("messages").path(name);
                assertTrue(!m.isMissingNode(), "message " + name + " defined");
                types.add(m.path("name").asText());
            });
            byTopic.put(c.path("address").asText(), types);
        });
        return byTopic;
    }

    private static String dataRef(JsonNode message) {
        for (JsonNode part : message.path("payload").path("allOf")) {
            JsonNode data = part.path("properties").path("data").path("$ref");
            if (!data.isMissingNode()) {
                return data.asText();
            }
        }
        throw new AssertionError("message " + message.path("name").asText() + " has no data $ref");
    }
}
