package cn.resettle.e2e;

import cn.resettle.common.testing.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Employment's database refuses connections for two minutes (the database, not the server: the other services go
 * on) while 200 risks are flagged for households with someone able to work and unemployed, and 20 of those
 * households are registered during the outage. Meanwhile employment reports not-ready; when its database is back
 * it resumes where it stopped: every risk has exactly one job-matching task, every household is in its registry
 * copy once, and nothing was dead-lettered. (Before: 5 retries in ~17 s, then the DLQ, and tasks were lost.)
 */
class ConsumerDatabaseOutageIT {

    static final String SITE = "XG-LJ-003";
    static final int BEFORE = 180;
    static final int DURING = 20;
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 120));
    static final String DB = "employment_e2e";

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    static void allowConnections(boolean allow) throws Exception {
        try (Connection c = Suite.postgres(); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + DB + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DB
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }

    @Test
    void everyRiskGetsItsTaskOnceAfterTheConsumersDatabaseComesBack() throws Exception {
        String siteId = RegistryAcrossServicesIT.site(SITE, "360732100");
        List<String> households = new ArrayList<>(Bursts.households(siteId, "OUT", BEFORE));
        Bursts.awaitCopies("employment", SITE, households, Duration.ofSeconds(120));
        String employment = "http://localhost:" + Suite.servicePort("employment");

        long outageStart = System.nanoTime();
        allowConnections(false);
        List<String> risks;
        try {
            List<String> late = Bursts.households(siteId, "OUT", DURING); // registry events employment cannot apply now
            households.addAll(late);
            Bursts.awaitCopies("monitoring", SITE, households, Duration.ofSeconds(60));
            risks = Bursts.risks(households);
            assertEquals(BEFORE + DURING, risks.size());
            // employment knows it cannot apply: not ready, its consumers stalled (not dead-lettering)
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().baseUri(employment).get("/q/health/ready").then().statusCode(503));
            // the outage lasts its full length, well past the old retry budget of ~17 s
            long left = OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - outageStart).toMillis();
            if (left > 0) {
                Thread.sleep(left); // the fault's duration, not a wait for an outcome
            }
            given().baseUri(employment).get("/q/health/ready").then().statusCode(503);
        } finally {
            allowConnections(true);
        }

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                Bursts.assertOneTaskPerRisk("employment", SITE, "JOB_MATCHING", risks));
        Map<String, Integer> copies = Bursts.copies("employment", SITE);
        for (String h : households) {
            assertEquals(1, copies.getOrDefault(h, 0), "employment's copy of household " + h);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().baseUri(employment).get("/q/health/ready").then().statusCode(200));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/employment/ops/dead-letters")
                .then().statusCode(200).body("total", equalTo(0));
        // industry, whose database stayed up, got its tasks too
        Bursts.assertOneTaskPerRisk("industry", SITE, "INDUSTRY_LINK", risks);
    }
}
