package cn.resettle.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event record has a versioned type and a schema file whose properties are exactly the record's fields. */
class EventContractsTest {

    private static final Pattern TYPE = Pattern.compile("cn\\.resettle\\.[a-z]+\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+");

    @Test
    void everyCommunityEventHasAVersionedTypeAndAMatchingSchema() throws Exception {
        Class<?>[] events = Arrays.stream(CommunityEvents.class.getDeclaredClasses())
                .filter(c -> c.isAnnotationPresent(EventType.class)).toArray(Class[]::new);
        assertEquals(7, events.length);
        ObjectMapper json = new ObjectMapper();
        for (Class<?> e : events) {
            String type = e.getAnnotation(EventType.class).value();
            assertTrue(TYPE.matcher(type).matches(), type);
            try (InputStream in = getClass().getResourceAsStream("/schemas/" + type + ".json")) {
                assertNotNull(in, "schema file for " + type);
                JsonNode schema = json.readTree(in);
                Set<String> schemaFields = new TreeSet<>();
                schema.get("properties").fieldNames().forEachRemaining(schemaFields::add);
                Set<String> recordFields = new TreeSet<>();
                for (RecordComponent rc : e.getRecordComponents()) {
                    recordFields.add(rc.getName());
                }
                assertEquals(recordFields, schemaFields, type);
            }
        }
    }
}
