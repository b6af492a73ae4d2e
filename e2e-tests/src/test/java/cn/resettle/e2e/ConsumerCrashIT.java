package cn.resettle.e2e;

import cn.resettle.common.testing.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Employment is killed with SIGKILL while it works through a burst of risks (no shutdown, no offset commit), more
 * risks are flagged while it is gone, and it is started again: every risk has exactly one job-matching task.
 */
class ConsumerCrashIT {

    static final String SITE = "XG-LJ-004";
    static final int N = 80;

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aConsumerKilledMidBurstResumesWithoutLosingOrRepeatingTasks() throws Exception {
        String siteId = RegistryAcrossServicesIT.site(SITE, "360732100");
        List<String> households = Bursts.households(siteId, "KILL", N);
        Bursts.awaitCopies("employment", SITE, households, Duration.ofSeconds(120));
        Bursts.awaitCopies("monitoring", SITE, households, Duration.ofSeconds(60));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<String> risks = new ArrayList<>();
        try {
            Future<List<String>> burst = pool.submit(() -> Bursts.risks(households));
            // kill it once it has started on the burst
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Bursts.tasksPerRisk("employment", SITE, "JOB_MATCHING").size() >= 5);
            Suite.kill("employment");
            risks.addAll(burst.get());
        } finally {
            pool.shutdown();
        }
        Suite.restart("employment");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                Bursts.assertOneTaskPerRisk("employment", SITE, "JOB_MATCHING", risks));
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/employment/ops/dead-letters")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
