package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Households and risks in bulk for the fault tests, through the gateway with real tokens. */
final class Bursts {

    private Bursts() {
    }

    /** Registers n households at the site, each with one member able to work and unemployed; returns their ids. */
    static List<String> households(String siteId, String prefix, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String head = TestIds.citizenId(1970 + i % 30, 1 + i % 12, 1 + i % 28, i % 2 == 0);
                futures.add(pool.submit(() -> given().header("Authorization", Tokens.bearer("county.admin"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("householdNo", TestIds.code(prefix), "siteId", siteId, "relocationType", "POVERTY",
                                "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", head, "name", "钟秀英",
                                        "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                        .post("/api/community/households").then().statusCode(201).extract().<String>path("id")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    /** Waits until a service's registry copy holds every one of the households. */
    static void awaitCopies(String domain, String siteCode, List<String> ids, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> have = copies(domain, siteCode).keySet().stream().toList();
            assertEquals(0, ids.stream().filter(id -> !have.contains(id)).count(), domain + " copies missing");
        });
    }

    /** household id → eventsApplied in a service's registry copy of the site. */
    static Map<String, Integer> copies(String domain, String siteCode) {
        Map<String, Integer> applied = new HashMap<>();
        for (int page = 0; ; page++) {
            var r = given().header("Authorization", Tokens.bearer("county.admin"))
                    .get("/api/" + domain + "/registry/households?siteCode=" + siteCode + "&size=200&page=" + page)
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = r.getList("items");
            items.forEach(c -> applied.put((String) c.get("id"), (Integer) c.get("eventsApplied")));
            if (page + 1 >= r.getInt("totalPages")) {
                return applied;
            }
        }
    }

    /** A monthly visit with income below the line for each household: one INCOME_DROP risk each; returns risk ids. */
    static List<String> risks(List<String> households) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            YearMonth month = YearMonth.now().minusMonths(3);
            List<Future<String>> futures = new ArrayList<>();
            for (String h : households) {
                futures.add(pool.submit(() -> given().header("Authorization", Tokens.bearer("county.admin"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("householdId", h, "visitMonth", month.toString(), "visitedOn", month.atDay(5).toString(),
                                "perCapitaIncome", 5200))
                        .post("/api/monitoring/visits").then().statusCode(201).extract().<String>path("risks[0].id")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    /** risk id → number of tasks of the kind in the domain's inbox at the site. */
    static Map<String, Integer> tasksPerRisk(String domain, String siteCode, String kind) {
        Map<String, Integer> perRisk = new HashMap<>();
        for (int page = 0; ; page++) {
            var r = given().header("Authorization", Tokens.bearer("county.admin"))
                    .get("/api/" + domain + "/tasks?siteCode=" + siteCode + "&kind=" + kind + "&size=200&page=" + page)
                    .then().statusCode(200).extract().jsonPath();
            List<String> riskIds = r.getList("items.riskId", String.class);
            riskIds.forEach(id -> perRisk.merge(id, 1, Integer::sum));
            if (page + 1 >= r.getInt("totalPages")) {
                return perRisk;
            }
        }
    }

    /** Every risk has exactly one task of the kind: none lost, none twice. */
    static void assertOneTaskPerRisk(String domain, String siteCode, String kind, List<String> risks) {
        Map<String, Integer> perRisk = tasksPerRisk(domain, siteCode, kind);
        long missing = risks.stream().filter(r -> !perRisk.containsKey(r)).count();
        long twice = perRisk.values().stream().filter(n -> n > 1).count();
        assertEquals(0, missing, missing + " of " + risks.size() + " risks have no " + kind + " task in " + domain);
        assertEquals(0, twice, twice + " risks have more than one " + kind + " task in " + domain);
        assertEquals(risks.size(), perRisk.size(), "tasks for risks that were not flagged here");
    }
}
