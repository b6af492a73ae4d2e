package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The broker goes down in the middle of a burst of registrations and comes back: registrations keep being
 * accepted (the outbox holds the events), and afterwards every household has arrived exactly once in every
 * service's copy (one event each, applied once).
 */
class BrokerOutageIT {

    static final int BEFORE = 15;
    static final int DURING = 25;

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void noEventIsLostOrAppliedTwiceWhenTheBrokerRestartsMidBurst() throws Exception {
        String site = RegistryAcrossServicesIT.site("XG-LJ-002", "360732100");
        List<String> ids = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            ids.addAll(burst(pool, site, BEFORE));
            Suite.infra("down", "kafka");
            try {
                ids.addAll(burst(pool, site, DURING)); // accepted while the broker is down
                // keep it down until the outbox relay has seen deliveries fail: the events now wait in the outbox
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                        given().baseUri("http://localhost:" + (Suite.PORT_BASE + 1)).get("/q/health/group/outbox").then()
                                .body("checks[0].data.pending", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                                .body("checks[0].data.failedAttempts", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
            } finally {
                Suite.infra("up", "kafka");
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(BEFORE + DURING, ids.size());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().baseUri("http://localhost:" + (Suite.PORT_BASE + 1)).get("/q/health/group/outbox").then()
                        .body("checks[0].data.pending", equalTo(0)));

        for (String domain : List.of("monitoring", "employment", "industry")) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Map<String, Object>> copies = given().header("Authorization", Tokens.bearer("county.admin"))
                        .get("/api/" + domain + "/registry/households?siteCode=XG-LJ-002&size=200")
                        .then().statusCode(200).extract().jsonPath().getList("items");
                Map<String, Integer> applied = new java.util.HashMap<>();
                copies.forEach(c -> applied.put((String) c.get("id"), (Integer) c.get("eventsApplied")));
                for (String id : ids) {
                    assertEquals(1, applied.getOrDefault(id, 0), domain + " copy of household " + id);
                }
            });
        }
    }

    private static List<String> burst(ExecutorService pool, String siteId, int n) throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String head = TestIds.citizenId(1970 + i % 30, 1 + i % 12, 1 + i % 28, i % 2 == 0);
            futures.add(pool.submit(() -> given().header("Authorization", Tokens.bearer("county.admin"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("householdNo", TestIds.code("BURST"), "siteId", siteId, "relocationType", "POVERTY",
                            "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", head, "name", "突发",
                                    "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                    .post("/api/community/households").then().statusCode(201).extract().<String>path("id")));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        return ids;
    }
}
