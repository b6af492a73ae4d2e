package cn.resettle.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event record has a versioned type and a schema file whose properties are exactly the record's fields. */
class EventContractsTest {

    /** {@code cn.resettle.<domain>.<aggregate>.<action>.vN}, or {@code cn.resettle.task.<action>.vN} for the task contract every domain shares. */
    private static final Pattern TYPE = Pattern.compile("cn\\.resettle\\.([a-z]+\\.)?[a-z-]+\\.[a-z-]+\\.v[0-9]+");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyAnnotatedEventHasAVersionedTypeAndAMatchingSchema() throws Exception {
        int count = 0;
        for (Class<?> holder : List.of(CommunityEvents.class, MonitoringEvents.class, EmploymentEvents.class, IndustryEvents.class, TaskEvents.class)) {
            for (Class<?> e : holder.getDeclaredClasses()) {
                if (e.isAnnotationPresent(EventType.class)) {
                    check(e.getAnnotation(EventType.class).value(), e);
                    count++;
                }
            }
        }
        assertEquals(26, count, "community 11, monitoring 4, employment 4, industry 3, task 4");
    }

    @Test
    void oneTaskContractForEveryDomainWithTheDomainAsData() throws Exception {
        for (Class<?> e : TaskEvents.class.getDeclaredClasses()) {
            if (e.isRecord()) {
                assertTrue(TaskEvents.TaskEvent.class.isAssignableFrom(e), e + " is a TaskEvent");
                assertEquals("domain", e.getRecordComponents()[0].getName(), e + " carries the producing domain first");
                assertTrue(e.getAnnotation(EventType.class).value().startsWith("cn.resettle.task."), e.getName());
            }
        }
        for (String domain : Topics.TASK_DOMAINS) {
            assertTrue(Topics.ALL.contains(Topics.forDomain(domain)), domain);
        }
        try (InputStream gone = getClass().getResourceAsStream("/schemas/cn.resettle.employment.task.created.v1.json")) {
            assertEquals(null, gone, "no per-domain copies of the task schemas");
        }
    }

    private void check(String type, Class<?> record) throws Exception {
        assertTrue(TYPE.matcher(type).matches(), type);
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + type + ".json")) {
            assertNotNull(in, "schema file for " + type);
            JsonNode schema = json.readTree(in);
            Set<String> schemaFields = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(schemaFields::add);
            Set<String> recordFields = new TreeSet<>();
            Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).forEach(recordFields::add);
            assertEquals(recordFields, schemaFields, type);
            schema.get("required").forEach(r -> assertTrue(recordFields.contains(r.asText()), type + " requires " + r));
        }
    }
}
