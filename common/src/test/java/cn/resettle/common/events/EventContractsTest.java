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

    private static final Pattern TYPE = Pattern.compile("cn\\.resettle\\.[a-z]+\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyAnnotatedEventHasAVersionedTypeAndAMatchingSchema() throws Exception {
        int count = 0;
        for (Class<?> holder : List.of(CommunityEvents.class, MonitoringEvents.class, EmploymentEvents.class)) {
            for (Class<?> e : holder.getDeclaredClasses()) {
                if (e.isAnnotationPresent(EventType.class)) {
                    check(e.getAnnotation(EventType.class).value(), e);
                    count++;
                }
            }
        }
        assertEquals(13, count, "community 9, monitoring 3, employment 1");
    }

    @Test
    void taskEventsHaveASchemaPerPublishingDomain() throws Exception {
        for (String domain : List.of("employment", "industry", "community")) {
            check(TaskEvents.type(domain, "created"), TaskEvents.TaskCreated.class);
            check(TaskEvents.type(domain, "completed"), TaskEvents.TaskCompleted.class);
            check(TaskEvents.type(domain, "declined"), TaskEvents.TaskDeclined.class);
            check(TaskEvents.type(domain, "cancelled"), TaskEvents.TaskCancelled.class);
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
