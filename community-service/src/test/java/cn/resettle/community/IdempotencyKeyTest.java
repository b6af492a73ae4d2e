package cn.resettle.community;

import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A site worker on a rural network taps "register" and the answer never arrives; the app sends the same request
 * again with the same Idempotency-Key. The household is registered once and both answers name it.
 */
@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    AgroalDataSource db;

    String body(String householdNo) throws Exception {
        String site = new RegistryTest().ensureSiteA();
        return TestEvents.JSON.writeValueAsString(Map.of("householdNo", householdNo, "siteId", site,
                "relocationType", "POVERTY", "placementType", "CENTRALIZED", "phone", "13912345678",
                "members", List.of(Map.of("idNumber", TestIds.citizenId(1982, 5, 17, true), "name", "温长生",
                        "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))));
    }

    Response post(String key, String body) {
        return given().header("Authorization", Tokens.bearer("county.admin")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/community/households");
    }

    long households(String householdNo) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from household where household_no = ?")) {
            ps.setString(1, householdNo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aRepeatedCreateWithTheSameKeyRegistersOnceAndAnswersTheSame() throws Exception {
        String no = TestIds.code("IDEM");
        String body = body(no);
        String key = UUID.randomUUID().toString();
        Response first = post(key, body);
        first.then().statusCode(201);
        Response again = post(key, body);
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .body("id", equalTo(first.path("id"))).body("householdNo", equalTo(no));
        assertEquals(1, households(no));
        // without the key, the same request is a second create, refused as a duplicate
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON).body(body)
                .post("/api/community/households").then().statusCode(409);
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        post(key, body(TestIds.code("IDEM"))).then().statusCode(201);
        String other = TestIds.code("IDEM");
        post(key, body(other)).then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("idempotency-key-reused"));
        assertEquals(0, households(other));
    }

    @Test
    void twoCopiesSentAtOnceCreateOneHousehold() throws Exception {
        String no = TestIds.code("IDEM");
        String body = body(no);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return post(key, body);
                }));
            }
            go.countDown();
            String id = null;
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "got " + r.statusCode() + ": " + r.asString());
                if (r.statusCode() == 201) {
                    if (id == null) {
                        id = r.path("id");
                    }
                    assertEquals(id, r.path("id"));
                } else {
                    r.then().body("type", endsWith("idempotency-key-in-progress"));
                }
            }
            assertTrue(id != null, "no copy was answered with the household");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, households(no));
    }

    @Test
    void aClaimLeftInProgressByAStoppedServiceIsTakenOverByTheSameRequest() throws Exception {
        String no = TestIds.code("IDEM");
        String body = body(no);
        String key = UUID.randomUUID().toString();
        post(key, body).then().statusCode(201);
        // as if the service had been stopped after the claim and before the answer was recorded, three minutes ago
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update idempotency_key set status = null, content_type = null, "
                     + "location = null, body = null, completed_at = null, created_at = now() - interval '3 minutes' "
                     + "where idem_key = ?")) {
            ps.setString(1, key);
            assertEquals(1, ps.executeUpdate());
        }
        // the retry runs again (not 409 in-progress until tomorrow): here the household exists, so the domain says so
        post(key, body).then().statusCode(409).body("type", not(endsWith("idempotency-key-in-progress")));
        assertEquals(1, households(no));
        // a claim of a request still running (fresh) is not taken over
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update idempotency_key set status = null, created_at = now() "
                     + "where idem_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
        post(key, body).then().statusCode(409).body("type", endsWith("idempotency-key-in-progress"));
    }

    @Test
    void aMalformedKeyIsA400() throws Exception {
        post("has spaces in it", body(TestIds.code("IDEM"))).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("Idempotency-Key"));
    }
}
