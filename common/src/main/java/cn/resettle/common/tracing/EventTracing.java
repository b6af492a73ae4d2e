package cn.resettle.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Carries a trace across the outbox and Kafka: {@link #currentTraceparent()} is stored with the outbox row at write
 * time, the relay publishes the row in a {@code publish <topic>} span that continues it (and sets the Kafka header
 * {@value #HEADER}), and the consumer applies the event in an {@code apply <event type>} span that continues the
 * header's trace. Span names and attributes hold topics, event types, channels, partitions and offsets: never a
 * record key, an aggregate id or anything from the payload.
 * <p>
 * With tracing off ({@code OTEL_SDK_DISABLED}, the default) the tracer is a no-op: nothing is recorded or exported,
 * and a stored {@code traceparent} is passed on unchanged.
 */
@ApplicationScoped
public class EventTracing {

    /** The W3C trace context header (Kafka record header of the same name). */
    public static final String HEADER = "traceparent";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("resettle.channel");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("resettle.event.type");
    static final AttributeKey<Long> BATCH = AttributeKey.longKey("messaging.batch.message_count");

    private static final TextMapGetter<String> SINGLE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    @Inject
    OpenTelemetry openTelemetry;

    private volatile Tracer tracer;

    private Tracer tracer() {
        Tracer t = tracer;
        if (t == null) {
            t = tracer = openTelemetry.getTracer("cn.resettle.events");
        }
        return t;
    }

    /** The current span's context as a W3C {@code traceparent}, or null when there is no (sampled or not) trace. */
    public static String currentTraceparent() {
        return traceparent(Span.current().getSpanContext());
    }

    static String traceparent(SpanContext c) {
        if (c == null || !c.isValid()) {
            return null;
        }
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    /** The context a stored or received {@code traceparent} names (the root context when it is null or invalid). */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent.trim(), SINGLE);
    }

    /** The {@code traceparent} header of a consumed record, or null. */
    public static String traceparent(ConsumerRecord<?, ?> record) {
        Header h = record.headers().lastHeader(HEADER);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Starts the relay's span for one outbox row; null when the row carries no trace (the relay then sends no
     * header). End it with {@link #end}.
     */
    public Span startPublish(String topic, String eventType, String storedTraceparent) {
        Context parent = parent(storedTraceparent);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return null;
        }
        return tracer().spanBuilder("publish " + topic).setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "kafka").setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "publish").setAttribute(EVENT_TYPE, eventType)
                .startSpan();
    }

    /**
     * The header the relay sets: the publish span's context, or (tracing off: the span is the stored context
     * itself) the stored value.
     */
    public static String header(Span publishSpan, String storedTraceparent) {
        String own = publishSpan == null ? null : traceparent(publishSpan.getSpanContext());
        return own != null ? own : storedTraceparent;
    }

    /**
     * Starts the span in which a consumed record is applied, continuing the trace of its {@code traceparent} header
     * (a new trace when it has none). End it with {@link #end}.
     */
    public Span startApply(String channel, String eventType, ConsumerRecord<?, ?> record, int batchSize) {
        var builder = tracer().spanBuilder("apply " + eventType).setParent(parent(traceparent(record)))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka").setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, record.topic()).setAttribute(PARTITION, (long) record.partition())
                .setAttribute(OFFSET, record.offset()).setAttribute(CHANNEL, channel)
                .setAttribute(EVENT_TYPE, eventType);
        if (batchSize > 1) {
            builder.setAttribute(BATCH, (long) batchSize);
        }
        return builder.startSpan();
    }

    /** Ends a span (null is ignored), marking it failed with the reason when one is given. */
    public static void end(Span span, String failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure);
        }
        span.end();
    }
}
