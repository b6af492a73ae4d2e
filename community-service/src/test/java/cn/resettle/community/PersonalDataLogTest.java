package cn.resettle.community;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guard over everything the service logs while the registry is written (registrations, a duplicate, a
 * duplicate-key race, an import, a member update): no ID number and no phone number may appear in a log line or in
 * the exceptions attached to it.
 */
@QuarkusTest
class PersonalDataLogTest {

    final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder b = new StringBuilder(r.getLoggerName()).append(": ").append(r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    b.append(" | ").append(p);
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                b.append(" | ").append(t);
            }
            lines.add(b.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    String site() {
        var existing = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/sites?regionCode=360732100&size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.code == 'XG-LJ-001' }.id", String.class);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        return given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(Map.of("code", "XG-LJ-001", "name", "潋江安置点", "countyCode", "360732", "townshipCode", "360732100",
                        "areaType", "URBAN"))
                .post("/api/community/sites").then().statusCode(201).extract().path("id");
    }

    Map<String, Object> household(String siteId, String idNumber, String phone) {
        return Map.of("householdNo", TestIds.code("LOG"), "siteId", siteId, "relocationType", "POVERTY",
                "placementType", "CENTRALIZED", "phone", phone,
                "members", List.of(Map.of("idNumber", idNumber, "name", "曾凡华", "relationship", "HEAD",
                        "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED", "phone", phone)));
    }

    @Test
    void registryWritesAndImportsLogNoIdNumberAndNoPhone() throws Exception {
        String siteId = site();
        List<String> secrets = new ArrayList<>();
        String admin = Tokens.bearer("county.admin");

        String a = TestIds.citizenId(1972, 2, 12, true);
        secrets.add(a);
        secrets.add("13655556666");
        String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(household(siteId, a, "13655556666")).post("/api/community/households")
                .then().statusCode(201).extract().path("id");
        // the same person again
        given().header("Authorization", admin).contentType(ContentType.JSON).body(household(siteId, a, "13655556666"))
                .post("/api/community/households").then().statusCode(409);

        // a member update with a new phone
        int version = given().header("Authorization", admin).get("/api/community/households/" + id)
                .then().statusCode(200).extract().path("members[0].version");
        String personId = given().header("Authorization", admin).get("/api/community/households/" + id)
                .then().extract().path("members[0].id");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", version, "name", "曾凡华", "relationship", "HEAD", "labourCapacity", "WEAK",
                        "employmentStatus", "UNEMPLOYED", "phone", "13744445555"))
                .put("/api/community/households/" + id + "/members/" + personId).then().statusCode(200);
        secrets.add("13744445555");

        // an import: good rows, a repeated person and a malformed phone
        String b = TestIds.citizenId(1991, 1, 21, true);
        String c = TestIds.citizenId(1993, 3, 23, false);
        secrets.add(b);
        secrets.add(c);
        secrets.add("13833334444");
        String no = TestIds.code("LOGI");
        String csv = ImportTest.HEADER + "\r\n"
                + no + ",XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,户主,邱石生," + b + ",初中,健康,普通劳动力,县内务工,,,13833334444\r\n"
                + no + ",XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,配偶,谢春兰," + c + ",小学,健康,普通劳动力,务农,,,1383333\r\n"
                + TestIds.code("LOGI") + ",XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,户主,曾凡华," + a + ",初中,健康,普通劳动力,未就业,,,\r\n";
        given().header("Authorization", admin)
                .multiPart("file", "households.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/community/imports/households").then().statusCode(200);

        assertNoLeak(secrets);
    }

    /**
     * Several registrations of one new person at once: at most one wins, the rest lose the race on the database's
     * unique key, whose error message names the value: neither the SQL error logger nor the error mapper may write
     * the number down.
     */
    @Test
    void aDuplicateKeyRaceLogsNoIdNumber() throws Exception {
        String siteId = site();
        List<String> secrets = new ArrayList<>();
        String admin = Tokens.bearer("county.admin");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // a few rounds: the race is on the database, each round is one more chance for it to happen
            for (int round = 0; round < 5; round++) {
                String raced = TestIds.citizenId(1984, 4, 1 + round, false);
                secrets.add(raced);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return given().header("Authorization", admin).contentType(ContentType.JSON)
                                .body(household(siteId, raced, "13566667777")).post("/api/community/households").statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> f : answers) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        secrets.add("13566667777");

        assertNoLeak(secrets);
    }

    void assertNoLeak(List<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String s : secrets) {
                if (line.contains(s) || (s.length() == 18 && line.contains(s.substring(0, 17)))) {
                    leaks.add(line.replace(s, "<" + s.length() + " digits>"));
                }
            }
        }
        assertTrue(leaks.isEmpty(), "personal data in the log: " + leaks);
    }
}
