package cn.resettle.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of exported spans. The HTTP instrumentation records the raw path and query
 * ({@code /api/community/households/<uuid>}, {@code ?idNumber=…}), the full URL of outgoing calls, the caller's
 * user agent and address; this processor (picked up by Quarkus as a CDI bean) rewrites them when a span starts,
 * before any exporter sees it: every path segment holding a digit, a non-ASCII character or more than 40 characters
 * becomes {@code {id}}, a query keeps its parameter names only, and the user agent and client address are dropped.
 * Span names are route templates already ({@code GET /api/community/households/{id}}). The Kafka spans of
 * {@link EventTracing} carry no key and no payload. {@code TraceIT} (e2e) asserts no exported attribute holds a
 * household id, an ID number or a name.
 */
@ApplicationScoped
public class PersonalDataSpanFilter implements SpanProcessor {

    static final List<AttributeKey<String>> PATHS = List.of(AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("http.target"));
    static final List<AttributeKey<String>> QUERIES = List.of(AttributeKey.stringKey("url.query"));
    static final List<AttributeKey<String>> URLS = List.of(AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("http.url"));
    static final List<AttributeKey<String>> DROPPED = List.of(AttributeKey.stringKey("user_agent.original"),
            AttributeKey.stringKey("http.user_agent"), AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("network.peer.address"), AttributeKey.stringKey("http.client_ip"),
            AttributeKey.stringKey("messaging.kafka.message.key"), AttributeKey.stringKey("messaging.message.id"));

    private static final Pattern SENSITIVE_SEGMENT = Pattern.compile(".*[0-9].*|.*[^\\x20-\\x7e].*|.{41,}");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> k : PATHS) {
            String v = span.getAttribute(k);
            if (v != null) {
                span.setAttribute(k, redactPathAndQuery(v));
            }
        }
        for (AttributeKey<String> k : QUERIES) {
            String v = span.getAttribute(k);
            if (v != null) {
                span.setAttribute(k, queryNames(v));
            }
        }
        for (AttributeKey<String> k : URLS) {
            String v = span.getAttribute(k);
            if (v != null) {
                span.setAttribute(k, redactUrl(v));
            }
        }
        for (AttributeKey<String> k : DROPPED) {
            if (span.getAttribute(k) != null) {
                span.setAttribute(k, "");
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** {@code http://host:8081/api/x/<id>?a=1} → {@code http://host:8081/api/x/{id}?a} */
    static String redactUrl(String url) {
        int scheme = url.indexOf("://");
        int pathStart = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
        if (pathStart < 0) {
            return url;
        }
        return url.substring(0, pathStart) + redactPathAndQuery(url.substring(pathStart));
    }

    /** {@code /api/x/<id>?a=1&b=2} → {@code /api/x/{id}?a&b} */
    static String redactPathAndQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (SENSITIVE_SEGMENT.matcher(decode(segments[i])).matches()) {
                segments[i] = "{id}";
            }
        }
        String p = String.join("/", segments);
        return q < 0 ? p : p + "?" + queryNames(pathAndQuery.substring(q + 1));
    }

    /** {@code a=1&b=2} → {@code a&b}: which filters were used, not their values. */
    static String queryNames(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (SENSITIVE_SEGMENT.matcher(decode(name)).matches()) {
                name = "{param}";
            }
            out.append(out.length() == 0 ? "" : "&").append(name);
        }
        return out.toString();
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
