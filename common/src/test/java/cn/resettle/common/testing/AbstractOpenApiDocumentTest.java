package cn.resettle.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Holds a service's OpenAPI document to the rules a client generator and a linter's recommended set need: servers
 * listed; every operation with a unique, identifier-shaped operationId, a tag, a success response and a security
 * requirement (every endpoint takes a token); every tag listed with a description. Each service runs it with its own document.
 */
public abstract class AbstractOpenApiDocumentTest {

    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z0-9]*");

    @Test
    void theDocumentIsReadyForGeneratedClients() throws Exception {
        JsonNode doc = TestEvents.JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        List<String> problems = new ArrayList<>();
        if (!doc.path("servers").isArray() || doc.path("servers").isEmpty()) {
            problems.add("servers is empty");
        }
        boolean globalSecurity = doc.path("security").isArray() && !doc.path("security").isEmpty();
        Set<String> ids = new HashSet<>();
        Set<String> usedTags = new java.util.TreeSet<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText("");
                if (!OPERATION_ID.matcher(id).matches()) {
                    problems.add(where + ": operationId '" + id + "'");
                } else if (!ids.add(id)) {
                    problems.add(where + ": operationId " + id + " used twice");
                }
                if (op.getValue().path("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                for (JsonNode tag : op.getValue().path("tags")) {
                    usedTags.add(tag.asText());
                }
                boolean success = false;
                for (Iterator<String> codes = op.getValue().path("responses").fieldNames(); codes.hasNext(); ) {
                    success |= codes.next().startsWith("2");
                }
                if (!success) {
                    problems.add(where + ": no success response");
                }
                if (!globalSecurity && op.getValue().path("security").isEmpty()) {
                    problems.add(where + ": no security requirement");
                }
            }
        }
        // every tag is listed with a description (a linter's recommended rule; generated clients name their classes by it)
        Map<String, String> described = new java.util.HashMap<>();
        doc.path("tags").forEach(t -> described.put(t.path("name").asText(), t.path("description").asText("")));
        for (String tag : usedTags) {
            if (described.getOrDefault(tag, "").isBlank()) {
                problems.add("tag '" + tag + "' without a description");
            }
        }
        assertFalse(operations == 0, "the document lists no operation");
        assertEquals(List.of(), problems);
    }
}
