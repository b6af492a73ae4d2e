package cn.resettle.e2e;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import cn.resettle.e2e.OtlpReceiver.ReceivedSpan;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace follows a request through the gateway, the service, its outbox, Kafka and the consumers of the other
 * services, as exported (OTLP) by the real processes to the suite's receiver: span parents link each hop to the one
 * before, and no span name or attribute holds the household's id, the ID number or the name.
 */
class TraceIT {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    /** A trace the caller started (as a front end with tracing would): {@code 00-<trace>-<span>-01}. */
    record Caller(String traceId, String spanId) {
        static Caller random() {
            HexFormat hex = HexFormat.of();
            byte[] t = new byte[16];
            byte[] s = new byte[8];
            ThreadLocalRandom.current().nextBytes(t);
            ThreadLocalRandom.current().nextBytes(s);
            t[0] |= 1;
            s[0] |= 1;
            return new Caller(hex.formatHex(t), hex.formatHex(s));
        }

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }

    static Optional<ReceivedSpan> find(List<ReceivedSpan> trace, String service, String name, String parentSpanId) {
        return trace.stream().filter(s -> s.service().equals(service) && s.name().equals(name)
                && (parentSpanId == null || s.parentSpanId().equals(parentSpanId))).findFirst();
    }

    /** The span's parent in the trace. */
    static ReceivedSpan parentOf(List<ReceivedSpan> trace, ReceivedSpan s) {
        return trace.stream().filter(p -> p.spanId().equals(s.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent span for " + s + " in\n" + OtlpReceiver.render(trace)));
    }

    /** Whether the span's chain of parents reaches the given span. */
    static boolean descendsFrom(List<ReceivedSpan> trace, ReceivedSpan from, String ancestorSpanId) {
        ReceivedSpan s = from;
        for (int i = 0; i < 20; i++) {
            if (s.parentSpanId().equals(ancestorSpanId)) {
                return true;
            }
            String parent = s.parentSpanId();
            s = trace.stream().filter(p -> p.spanId().equals(parent)).findFirst().orElse(null);
            if (s == null) {
                return false;
            }
        }
        return false;
    }

    @Test
    void aRegistrationIsOneTraceFromTheGatewayThroughTheOutboxAndKafkaToTheOtherServicesConsumers() {
        Caller caller = Caller.random();
        String idNumber = TestIds.citizenId(1979, 11, 23, false);
        String householdNo = TestIds.code("TRACE");
        String siteId = RegistryAcrossServicesIT.site("XG-LJ-001", "360732100");
        String household = given().header("Authorization", Tokens.bearer("county.admin")).header("traceparent", caller.traceparent())
                .contentType(ContentType.JSON)
                .body(Map.of("householdNo", householdNo, "siteId", siteId, "relocationType", "POVERTY",
                        "placementType", "CENTRALIZED", "members", List.of(Map.of("idNumber", idNumber, "name", "龚秀英",
                                "relationship", "HEAD", "labourCapacity", "FULL", "employmentStatus", "UNEMPLOYED"))))
                .post("/api/community/households").then().statusCode(201).extract().path("id");

        OtlpReceiver receiver = Suite.traces();
        String event = "apply cn.resettle.community.household.registered.v1";
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<ReceivedSpan> trace = receiver.trace(caller.traceId());
            for (String consumer : List.of("monitoring-service", "employment-service", "industry-service")) {
                assertTrue(find(trace, consumer, event, null).isPresent(), consumer + " not yet in\n" + OtlpReceiver.render(trace));
            }
        });
        List<ReceivedSpan> trace = receiver.trace(caller.traceId());
        System.out.println("[TraceIT] trace " + caller.traceId() + " of POST /api/community/households:\n" + OtlpReceiver.render(trace));

        // gateway: continues the caller's trace
        ReceivedSpan gateway = trace.stream().filter(s -> s.service().equals("gateway") && s.kind().equals("SERVER"))
                .findFirst().orElseThrow(() -> new AssertionError("no gateway span\n" + OtlpReceiver.render(trace)));
        assertEquals(caller.spanId(), gateway.parentSpanId(), "the gateway continues the caller's trace");
        // community: its request span is a child of the gateway's (server span or the proxy's client span)
        ReceivedSpan request = find(trace, "community-service", "POST /api/community/households", null)
                .orElseThrow(() -> new AssertionError("no community request span\n" + OtlpReceiver.render(trace)));
        assertEquals("SERVER", request.kind());
        assertTrue(descendsFrom(trace, request, gateway.spanId()), "community's request span is not under the gateway's");
        // the outbox relay: publishes the row in a span that continues the request's trace
        ReceivedSpan publish = find(trace, "community-service", "publish resettle.community.events", null)
                .orElseThrow(() -> new AssertionError("no relay span\n" + OtlpReceiver.render(trace)));
        assertEquals("PRODUCER", publish.kind());
        assertTrue(descendsFrom(trace, publish, request.spanId()), "the relay's span is not under the request's");
        assertTrue(publish.startNanos() >= request.startNanos());
        // Kafka → each consumer: the apply span's parent is the relay's span (the record's traceparent header)
        for (String consumer : List.of("monitoring-service", "employment-service", "industry-service")) {
            ReceivedSpan apply = find(trace, consumer, event, publish.spanId())
                    .orElseThrow(() -> new AssertionError(consumer + ": apply span not a child of the publish span\n"
                            + OtlpReceiver.render(trace)));
            assertEquals("CONSUMER", apply.kind());
            assertTrue(apply.attributes().get("messaging.destination.name").endsWith("resettle.community.events"));
            assertTrue(apply.startNanos() >= publish.startNanos(), consumer + " applied before it was published?");
        }
        assertNoPersonalData(trace, household, idNumber, "龚秀英", householdNo);
    }

    @Test
    void aVisitThatFlagsARiskIsOneTraceThroughEmploymentsTaskBackToMonitoring() {
        Map<String, String> h = RiskAssistanceLoopIT.registerHousehold(TestIds.code("TRACE"));
        Caller caller = Caller.random();
        YearMonth month = YearMonth.now().minusMonths(3);
        given().header("Authorization", Tokens.bearer("worker.a1")).header("traceparent", caller.traceparent())
                .contentType(ContentType.JSON)
                .body(Map.of("householdId", h.get("id"), "visitMonth", month.toString(), "visitedOn", month.atDay(5).toString(),
                        "perCapitaIncome", 5200))
                .post("/api/monitoring/visits").then().statusCode(201);

        OtlpReceiver receiver = Suite.traces();
        // monitoring flags the risk → employment opens a task (its own outbox) → monitoring applies task.created
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<ReceivedSpan> trace = receiver.trace(caller.traceId());
            ReceivedSpan risk = find(trace, "employment-service", "apply cn.resettle.monitoring.risk.flagged.v1", null)
                    .orElseThrow(() -> new AssertionError("employment has not applied the risk yet\n" + OtlpReceiver.render(trace)));
            ReceivedSpan task = find(trace, "employment-service", "publish resettle.employment.events", null)
                    .orElseThrow(() -> new AssertionError("no task event published yet\n" + OtlpReceiver.render(trace)));
            assertEquals(risk.spanId(), parentOf(trace, task).spanId(), "the task event continues the risk's trace");
            assertTrue(find(trace, "monitoring-service", "apply cn.resettle.task.created.v1", task.spanId()).isPresent(),
                    "monitoring has not applied the task yet\n" + OtlpReceiver.render(trace));
        });
        List<ReceivedSpan> trace = receiver.trace(caller.traceId());
        System.out.println("[TraceIT] trace " + caller.traceId() + " of POST /api/monitoring/visits:\n" + OtlpReceiver.render(trace));
        assertNoPersonalData(trace, h.get("id"), h.get("personId"));
    }

    static void assertNoPersonalData(List<ReceivedSpan> trace, String... values) {
        for (ReceivedSpan s : trace) {
            String all = s.name() + " " + s.attributes();
            for (String v : values) {
                assertFalse(all.contains(v), "span " + s.service() + " " + s.name() + " holds " + v + ": " + s.attributes());
            }
        }
    }
}
