package cn.resettle.gateway;

import cn.resettle.common.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gateway in front of real sockets: a backend that is down (closed port), one that hangs and one that answers
 * (the {@link BackendStub}). Callers always get problem+json with their request id, never a bare status; a chunked
 * upload over the limit is refused while it streams; one caller sending too fast is slowed with 429 and Retry-After.
 * Test limits (application.properties, %test): response timeout 1 s, body limit 64 KiB, 2 requests/s burst 20.
 */
@QuarkusTest
@QuarkusTestResource(BackendStub.class)
class BackendFailuresTest {

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void aBackendThatIsDownIs503ProblemWithTheRequestId() {
        given().header("Authorization", Tokens.bearer("county.admin")).header("X-Request-Id", "gw-down-1")
                .get("/api/community/households").then().statusCode(503)
                .contentType("application/problem+json")
                .header("X-Request-Id", equalTo("gw-down-1"))
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://resettle.cn/problems/backend-unavailable"))
                .body("status", equalTo(503))
                .body("requestId", equalTo("gw-down-1"));
    }

    @Test
    void aBackendThatHangsIs504ProblemAfterTheResponseTimeout() {
        long t0 = System.nanoTime();
        given().header("Authorization", Tokens.bearer("county.admin")).header("X-Request-Id", "gw-slow-1")
                .get("/api/monitoring/slow").then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://resettle.cn/problems/backend-timeout"))
                .body("requestId", equalTo("gw-slow-1"));
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, "the gateway waited too long");
        // the answering backend is still reached
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/monitoring/ping")
                .then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void theCommandViewIsServedByMonitoringService() {
        // the stub stands in for monitoring-service only: /api/command/ reaching it proves the route
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/command/indicators")
                .then().statusCode(200).body("ok", equalTo(true));
        given().get("/api/command/indicators").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aChunkedUploadOverTheLimitIsRefusedWhileItStreams() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = Tokens.bearer("county.admin");
        // under the limit, chunked: passes whole
        HttpResponse<String> small = http.send(chunked(token, 32 * 1024), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, small.statusCode(), small.body());
        assertEquals("{\"bytes\":32768}", small.body());

        long before = BackendStub.RECEIVED.get();
        HttpResponse<String> big = http.send(chunked(token, 512 * 1024), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode(), big.body());
        assertEquals("application/problem+json", big.headers().firstValue("Content-Type").orElse(""));
        assertTrue(big.body().contains("payload-too-large") && big.body().contains("gw-upload-1"), big.body());
        assertEquals(before, BackendStub.RECEIVED.get(), "the backend must never get the oversized body as complete");
    }

    private HttpRequest chunked(String token, int bytes) {
        // an InputStream publisher has no length: the body goes out with Transfer-Encoding: chunked
        return HttpRequest.newBuilder(gateway.resolve("/api/monitoring/upload")).timeout(Duration.ofSeconds(30))
                .header("Authorization", token).header("X-Request-Id", "gw-upload-1")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[bytes]))).build();
    }

    @Test
    void oneCallerSendingTooFastGets429WithRetryAfterWhileOthersPass() {
        String fast = Tokens.bearer("worker.b1");
        Response refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            Response r = given().header("Authorization", fast).header("X-Request-Id", "gw-rate-" + i).get("/api/monitoring/ping");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode());
            }
        }
        if (refused == null) {
            fail("200 requests in a row from one caller were never limited");
        }
        refused.then().contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, greaterThan(0))
                .header("Retry-After", Integer::parseInt, lessThan(5))
                .body("type", equalTo("https://resettle.cn/problems/too-many-requests"))
                .body("requestId", equalTo(refused.header("X-Request-Id")));
        // another caller is not affected
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/monitoring/ping").then().statusCode(200);
    }
}
