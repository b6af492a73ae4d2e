package cn.resettle.community;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator's Prometheus scrapes at {@code /q/metrics}: delivery figures (outbox, dead letters, deferred),
 * HTTP latency by route template with histogram buckets, Kafka consumer lag, audit writes; and nothing that
 * identifies a person or a household.
 */
@QuarkusTest
class MetricsTest {

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void deliveryAndKafkaFiguresAreScrapedWithoutAToken() {
        String m = metrics();
        for (String name : List.of("resettle_outbox_pending", "resettle_outbox_oldest_pending_seconds",
                "resettle_outbox_parked", "resettle_deferred_events", "resettle_events_published_total",
                "kafka_consumer_fetch_manager_records_lag_max")) {
            assertTrue(m.contains("\n" + name), name + " missing from /q/metrics");
        }
    }

    @Test
    void eventsTheBrokerAcknowledgedAreCounted() {
        double before = value(metrics(), "resettle_events_published_total");
        String siteId = new PersonalDataLogTest().site();
        given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                .body(new PersonalDataLogTest().household(siteId, TestIds.citizenId(1975, 5, 15, true), "13970705678"))
                .post("/api/community/households").then().statusCode(201);
        await().atMost(Duration.ofSeconds(90)).until(() -> value(metrics(), "resettle_events_published_total") > before);
    }

    @Test
    void householdReadsAreCountedByRouteTemplateAndAuditedWithoutAnyPersonalValue() {
        String admin = Tokens.bearer("county.admin");
        String siteId = new PersonalDataLogTest().site();
        String idNumber = TestIds.citizenId(1968, 8, 18, false);
        String phone = "13970701234";
        String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(new PersonalDataLogTest().household(siteId, idNumber, phone))
                .post("/api/community/households").then().statusCode(201).extract().path("id");

        String before = metrics();
        String series = "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/community/households/{id}\"}";
        String audit = "resettle_audit_writes_total{action=\"READ\",unmasked=\"true\"}";
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", admin).get("/api/community/households/" + id).then().statusCode(200);
        }
        String after = metrics();

        assertEquals(value(before, series) + 3, value(after, series), "three reads counted under the route template");
        assertTrue(value(after, audit) >= value(before, audit) + 3, "each read wrote an audit row");
        assertTrue(after.contains("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/community/households/{id}\",le=\"0.05\"}"),
                "latency histogram has a 50 ms bucket for p99 alerts");
        for (String secret : List.of(id, idNumber, phone)) {
            assertFalse(after.contains(secret), "metrics must not carry household ids, ID numbers or phones");
        }
        assertFalse(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(after).find(),
                "no raw id in any label");
    }

}
