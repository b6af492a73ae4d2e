package cn.resettle.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * industry-service's own events (kept beside {@link EventContractsTest} so each domain's contracts are checked in
 * their own file): a versioned type, a schema whose properties are exactly the record's fields, and a sample
 * payload that carries every required field.
 */
class IndustryEventContractsTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyIndustryEventHasAVersionedTypeAndAMatchingSchema() throws Exception {
        int count = 0;
        for (Class<?> e : IndustryEvents.class.getDeclaredClasses()) {
            if (e.isAnnotationPresent(EventType.class)) {
                String type = e.getAnnotation(EventType.class).value();
                assertTrue(type.matches("cn\\.resettle\\.industry\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+"), type);
                JsonNode schema = schema(type);
                Set<String> schemaFields = new TreeSet<>();
                schema.get("properties").fieldNames().forEachRemaining(schemaFields::add);
                Set<String> recordFields = new TreeSet<>();
                Arrays.stream(e.getRecordComponents()).map(RecordComponent::getName).forEach(recordFields::add);
                assertEquals(recordFields, schemaFields, type);
                schema.get("required").forEach(r -> assertTrue(recordFields.contains(r.asText()), type + " requires " + r));
                count++;
            }
        }
        assertEquals(3, count, "industry: workshop.stopped, income.paid, workshop.registered");
        assertEquals(IndustryEvents.WORKSHOP_STOPPED, EventCodec.typeOf(sample()).value());
    }

    @Test
    void aStoppedWorkshopCarriesItsHouseholdsAndNoPersonalData() throws Exception {
        JsonNode data = json.valueToTree(sample());
        JsonNode schema = schema(IndustryEvents.WORKSHOP_STOPPED);
        schema.get("required").forEach(r -> assertTrue(data.hasNonNull(r.asText()), "sample carries " + r));
        assertEquals("2026-11-20", data.get("stoppedOn").asText());
        assertEquals(2, data.get("householdsWithoutEarner").size());
        List<String> enumValues = json.convertValue(schema.at("/properties/status/enum"), List.class);
        assertEquals(List.of("SUSPENDED", "CLOSED"), enumValues);
        for (String field : List.of("name", "idNumber", "idNumberMasked", "phone", "personId")) {
            assertTrue(!data.has(field), "no " + field + " in the event");
        }
    }

    @Test
    void anIncomePaidCarriesTheHouseholdAndTheAmountOnly() throws Exception {
        JsonNode data = json.valueToTree(new IndustryEvents.IncomePaid(UUID.randomUUID(), "XG-H-0001", "360732100", "XG-LJ-001",
                "DIVIDEND", new java.math.BigDecimal("312.50"), LocalDate.of(2026, 12, 20), 2026, UUID.randomUUID()));
        JsonNode schema = schema(IndustryEvents.INCOME_PAID);
        schema.get("required").forEach(r -> assertTrue(data.hasNonNull(r.asText()), "carries " + r));
        assertEquals(312.5, data.get("amount").asDouble());
        assertTrue(data.get("amount").isNumber(), "amount is a JSON number, as the schema says");
        for (String field : List.of("name", "idNumber", "idNumberMasked", "phone", "personId")) {
            assertTrue(!data.has(field), "no " + field + " in the event");
        }
    }

    @Test
    void aRegisteredWorkshopCarriesWhatEmploymentListsOfAnEmployer() throws Exception {
        JsonNode data = json.valueToTree(new IndustryEvents.WorkshopRegistered(UUID.randomUUID(), "潋江镇竹编帮扶车间",
                "XG-LJ-001", "360732100", "兴国县竹韵工艺品有限公司", "竹编工艺品", 45, LocalDate.of(2026, 3, 1)));
        JsonNode schema = schema(IndustryEvents.WORKSHOP_REGISTERED);
        schema.get("required").forEach(r -> assertTrue(data.hasNonNull(r.asText()), "carries " + r));
        assertEquals(45, data.get("jobs").asInt());
        assertEquals("2026-03-01", data.get("openedOn").asText());
        for (String field : List.of("name", "idNumber", "idNumberMasked", "phone", "personId", "workers")) {
            assertTrue(!data.has(field), "no " + field + " in the event");
        }
    }

    private static IndustryEvents.WorkshopStopped sample() {
        return new IndustryEvents.WorkshopStopped(UUID.randomUUID(), "潋江镇竹编帮扶车间", "XG-LJ-001", "360732100",
                "CLOSED", "2026Q4", LocalDate.of(2026, 11, 20), 3, List.of(UUID.randomUUID(), UUID.randomUUID()));
    }

    private JsonNode schema(String type) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + type + ".json")) {
            assertNotNull(in, "schema file for " + type);
            return json.readTree(in);
        }
    }
}
