package cn.resettle.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What an exporter receives from spans that recorded raw paths, queries, URLs and user agents. */
class PersonalDataSpanFilterTest {

    static final String HOUSEHOLD = "0b5e6a9c-4f8e-4a36-9d7c-5a1f3c2b9e10";
    static final String ID_NUMBER = "36073219800101001X";

    @Test
    void exportedHttpSpansHoldNoIdsQueryValuesOrUserAgents() {
        List<SpanData> exported = new CopyOnWriteArrayList<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new PersonalDataSpanFilter())
                .addSpanProcessor(SimpleSpanProcessor.create(collect(exported))).build()) {
            provider.get("test").spanBuilder("GET /api/community/households/{id}").setSpanKind(SpanKind.SERVER)
                    .setAttribute("url.path", "/api/community/households/" + HOUSEHOLD)
                    .setAttribute("url.query", "idNumber=" + ID_NUMBER + "&name=%E5%BC%A0%E4%B8%89&size=20")
                    .setAttribute("user_agent.original", "Mozilla/5.0")
                    .setAttribute("client.address", "10.1.2.3")
                    .setAttribute("http.route", "/api/community/households/{id}")
                    .startSpan().end();
            provider.get("test").spanBuilder("GET").setSpanKind(SpanKind.CLIENT)
                    .setAttribute("url.full", "http://community:8081/api/community/audit/张三?idNumber=" + ID_NUMBER)
                    .startSpan().end();
        }
        assertEquals(2, exported.size());
        SpanData server = exported.get(0);
        assertEquals("/api/community/households/{id}", server.getAttributes().get(AttributeKey.stringKey("url.path")));
        assertEquals("idNumber&name&size", server.getAttributes().get(AttributeKey.stringKey("url.query")));
        assertEquals("", server.getAttributes().get(AttributeKey.stringKey("user_agent.original")));
        assertEquals("", server.getAttributes().get(AttributeKey.stringKey("client.address")));
        assertEquals("/api/community/households/{id}", server.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals("http://community:8081/api/community/audit/{id}?idNumber",
                exported.get(1).getAttributes().get(AttributeKey.stringKey("url.full")));
        for (SpanData s : exported) {
            String all = s.getName() + s.getAttributes();
            assertFalse(all.contains(HOUSEHOLD) || all.contains(ID_NUMBER) || all.contains("张三"), all);
        }
    }

    @Test
    void theTraceOfAWriteGoesOnThroughTheOutboxRowAndTheKafkaHeader() {
        List<SpanData> exported = new CopyOnWriteArrayList<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(collect(exported))).build()) {
            EventTracing tracing = new EventTracing();
            tracing.openTelemetry = io.opentelemetry.sdk.OpenTelemetrySdk.builder().setTracerProvider(provider).build();
            Span request = provider.get("test").spanBuilder("POST /api/community/households").startSpan();
            String stored;
            try (var ignored = request.makeCurrent()) {
                stored = EventTracing.currentTraceparent(); // what Outbox writes into the row
            }
            request.end();
            Span publish = tracing.startPublish("resettle.community.events", "household.registered", stored);
            String header = EventTracing.header(publish, stored);
            EventTracing.end(publish, null);
            ConsumerRecord<String, String> rec = new ConsumerRecord<>("resettle.community.events", 2, 41L, HOUSEHOLD, "{}");
            rec.headers().add(EventTracing.HEADER, header.getBytes(StandardCharsets.UTF_8));
            Span apply = tracing.startApply("registry", "household.registered", rec, 3);
            EventTracing.end(apply, null);

            assertEquals(3, exported.size());
            String traceId = request.getSpanContext().getTraceId();
            exported.forEach(s -> assertEquals(traceId, s.getTraceId(), s.getName()));
            SpanData pub = exported.get(1);
            SpanData app = exported.get(2);
            assertEquals("publish resettle.community.events", pub.getName());
            assertEquals(request.getSpanContext().getSpanId(), pub.getParentSpanId());
            assertEquals("apply household.registered", app.getName());
            assertEquals(pub.getSpanId(), app.getParentSpanId());
            assertEquals(SpanKind.CONSUMER, app.getKind());
            assertFalse(app.getAttributes().toString().contains(HOUSEHOLD), "no record key in the consumer span");
        }
    }

    @Test
    void withoutATraceTheRowHasNoTraceparentAndTheRelayNoSpan() {
        EventTracing tracing = new EventTracing();
        tracing.openTelemetry = io.opentelemetry.api.OpenTelemetry.noop();
        assertNull(EventTracing.currentTraceparent());
        assertNull(tracing.startPublish("resettle.community.events", "household.registered", null));
        assertNull(EventTracing.header(null, null));
        // tracing off in this service but the row was written with a trace: the header passes it on unchanged
        String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertEquals(stored, EventTracing.header(tracing.startPublish("t", "x", stored), stored));
    }

    private static SpanExporter collect(List<SpanData> into) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                into.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
