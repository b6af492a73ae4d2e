package cn.resettle.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector inside the test JVM: an OTLP/HTTP endpoint ({@code POST /v1/traces}, protobuf) that keeps the
 * spans the services and the gateway export, so a test can follow one trace across them. The e2e {@link Suite}
 * starts it and points every process at it ({@code OTEL_SDK_DISABLED=false}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}).
 */
public final class OtlpReceiver {

    /** One received span, ids in hex as in a {@code traceparent}. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                               String kind, long startNanos, long endNanos, Map<String, String> attributes) {
        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    private static final int MAX_SPANS = 200_000;
    private final ConcurrentLinkedDeque<ReceivedSpan> spans = new ConcurrentLinkedDeque<>();
    private final HttpServer server;

    OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 50);
        server.createContext("/", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                receive(ExportTraceServiceRequest.parseFrom(in));
                byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            } catch (Throwable e) {
                System.err.println("[OtlpReceiver] cannot read an export: " + e);
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = rs.getResource().getAttributesList().stream()
                    .filter(kv -> kv.getKey().equals("service.name")).map(kv -> kv.getValue().getStringValue())
                    .findFirst().orElse("?");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (var s : ss.getSpansList()) {
                    Map<String, String> attrs = new LinkedHashMap<>();
                    for (KeyValue kv : s.getAttributesList()) {
                        attrs.put(kv.getKey(), text(kv.getValue()));
                    }
                    spans.add(new ReceivedSpan(service, hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getName(), s.getKind().name().replace("SPAN_KIND_", ""), s.getStartTimeUnixNano(),
                            s.getEndTimeUnixNano(), attrs));
                }
            }
        }
        while (spans.size() > MAX_SPANS) {
            spans.pollFirst();
        }
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            default -> v.toString();
        };
    }

    /** Every span received so far of this trace, in start order. */
    public List<ReceivedSpan> trace(String traceId) {
        List<ReceivedSpan> out = new ArrayList<>();
        for (ReceivedSpan s : spans) {
            if (s.traceId().equals(traceId)) {
                out.add(s);
            }
        }
        out.sort(java.util.Comparator.comparingLong(ReceivedSpan::startNanos));
        return out;
    }

    /** The trace as an indented tree: service, span, kind, start offset and duration in ms (for the docs). */
    public static String render(List<ReceivedSpan> trace) {
        StringBuilder out = new StringBuilder();
        long t0 = trace.isEmpty() ? 0 : trace.get(0).startNanos();
        java.util.Set<String> ids = new java.util.HashSet<>();
        trace.forEach(s -> ids.add(s.spanId()));
        for (ReceivedSpan root : trace) {
            if (!ids.contains(root.parentSpanId())) {
                render(trace, root, 0, t0, out);
            }
        }
        return out.toString();
    }

    private static void render(List<ReceivedSpan> trace, ReceivedSpan s, int depth, long t0, StringBuilder out) {
        out.append(String.format("%-20s %s%-" + Math.max(1, 52 - 2 * depth) + "s %-8s +%5d ms %5d ms%n", s.service(),
                "  ".repeat(depth), s.name(), s.kind(), (s.startNanos() - t0) / 1_000_000, s.millis()));
        for (ReceivedSpan c : trace) {
            if (c.parentSpanId().equals(s.spanId())) {
                render(trace, c, depth + 1, t0, out);
            }
        }
    }
}
