package cn.resettle.common.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka, in {@code seq} order, with an idempotent producer and {@code acks=all}.
 * <p>
 * One thread per process. It wakes on every commit that wrote an outbox row and, as a safety net, every
 * {@code resettle.outbox.poll-interval}. A Postgres advisory lock makes a single relay active per database when
 * several replicas run, which keeps the per-aggregate order. Rows are marked sent only after the broker acknowledged
 * them; when the broker is unreachable the relay backs off (up to {@code max-backoff}) and tries again, so an outage
 * delays events but loses none. A row may be sent twice (acknowledged, then the process dies before marking it):
 * consumers de-duplicate on the event id.
 * <p>
 * Why a plain Kafka producer rather than a SmallRye emitter: the relay needs a synchronous, per-record answer from
 * the broker before it marks a row, inside its own transaction; consumers do use SmallRye Reactive Messaging.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x5245_5345_5454_4CL; // "RESETTL"

    @Inject
    EntityManager em;
    @Inject
    OutboxConfig config;
    @Inject
    cn.resettle.common.metrics.DeliveryMetrics metrics;
    @Inject
    cn.resettle.common.tracing.EventTracing tracing;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private final String topicPrefix = cn.resettle.common.events.Topics.prefix();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread worker;
    private volatile KafkaProducer<String, String> producer;

    void onStart(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled");
            return;
        }
        producer = new KafkaProducer<>(producerProperties());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        wakeUp();
        Thread t = worker;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote outbox rows. Cheap and non-blocking. */
    public void wakeUp() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putAll(connectionSettings(org.eclipse.microprofile.config.ConfigProvider.getConfig()));
        return p;
    }

    /**
     * The broker's security settings, the same the SmallRye channels get: {@code security.protocol}, {@code sasl.*} and
     * {@code ssl.*}, from {@code kafka.*} properties or {@code KAFKA_*} environment variables (Kubernetes: SASL_SSL
     * with the service's KafkaUser credentials, deploy/k8s). Without them the relay could not publish on an
     * authenticated listener while the consumers could.
     */
    public static Properties connectionSettings(org.eclipse.microprofile.config.Config cfg) {
        Properties p = new Properties();
        for (String name : cfg.getPropertyNames()) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!lower.startsWith("kafka.") && !lower.startsWith("kafka_")) {
                continue;
            }
            String key = lower.substring("kafka.".length()).replace('_', '.');
            if (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                cfg.getOptionalValue(name, String.class).ifPresent(v -> p.put(key, v));
            }
        }
        return p;
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            Result result;
            try {
                result = QuarkusTransaction.requiringNew().timeout(60).call(this::relayBatch);
            } catch (Exception e) {
                LOG.warnf("outbox relay: %s", e.getMessage());
                result = new Result(0, 1);
            }
            if (result.failed() > 0) {
                backoffMs = Math.min(Math.max(backoffMs * 2, 200), config.maxBackoff().toMillis());
                pause(backoffMs, false);
                continue;
            }
            backoffMs = 0;
            if (result.sent() >= config.batchSize()) {
                continue; // more rows waiting
            }
            pause(config.pollInterval().toMillis(), true);
        }
    }

    private void pause(long millis, boolean wakeOnSignal) {
        try {
            if (wakeOnSignal) {
                if (signal.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                    signal.drainPermits();
                }
            } else {
                Thread.sleep(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    record Result(int sent, int failed) {
    }

    @SuppressWarnings("unchecked")
    Result relayBatch() {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, ADVISORY_LOCK_KEY).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new Result(0, 0);
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select id, topic, aggregate_id, event_type, payload, traceparent from outbox_event "
                                + "where sent_at is null and parked_at is null order by seq limit ?1")
                .setParameter(1, config.batchSize()).getResultList();
        if (rows.isEmpty()) {
            return new Result(0, 0);
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        List<io.opentelemetry.api.trace.Span> spans = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ProducerRecord<String, String> rec = new ProducerRecord<>(topicPrefix + r[1], (String) r[2], (String) r[4]);
            rec.headers().add("ce_id", r[0].toString().getBytes(StandardCharsets.UTF_8));
            rec.headers().add("ce_type", ((String) r[3]).getBytes(StandardCharsets.UTF_8));
            // the trace of the write that produced the row goes on in a publish span and, through the header, in
            // the consumers (EventTracing)
            io.opentelemetry.api.trace.Span span = tracing.startPublish((String) r[1], (String) r[3], (String) r[5]);
            spans.add(span);
            String traceparent = cn.resettle.common.tracing.EventTracing.header(span, (String) r[5]);
            if (traceparent != null) {
                rec.headers().add(cn.resettle.common.tracing.EventTracing.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            try {
                futures.add(producer.send(rec));
            } catch (RuntimeException e) {
                futures.add(java.util.concurrent.CompletableFuture.failedFuture(e));
            }
        }
        List<UUID> sent = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        String lastError = null;
        for (int i = 0; i < rows.size(); i++) {
            UUID id = (UUID) rows.get(i)[0];
            try {
                futures.get(i).get(20, TimeUnit.SECONDS);
                sent.add(id);
                cn.resettle.common.tracing.EventTracing.end(spans.get(i), null);
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                cn.resettle.common.tracing.EventTracing.end(spans.get(i), "not acknowledged: " + cause.getClass().getSimpleName());
                if (neverSendable(cause)) {
                    String reason = truncate(cause.getClass().getSimpleName() + ": "
                            + cn.resettle.common.inbox.FailureClassifier.sanitize(cause.getMessage()));
                    em.createNativeQuery("update outbox_event set parked_at = ?2, park_reason = ?3, attempts = attempts + 1, "
                                    + "last_error = ?3 where id = ?1")
                            .setParameter(1, id).setParameter(2, OffsetDateTime.now()).setParameter(3, reason).executeUpdate();
                    LOG.errorf("outbox relay: event %s (%s, %d characters) can never be sent and is parked: %s", id,
                            rows.get(i)[3], ((String) rows.get(i)[4]).length(), reason);
                    continue;
                }
                failed.add(id);
                lastError = cause.toString();
            }
        }
        if (!sent.isEmpty()) {
            em.createNativeQuery("update outbox_event set sent_at = ?1, attempts = attempts + 1 where id in (?2)")
                    .setParameter(1, OffsetDateTime.now()).setParameter(2, sent).executeUpdate();
            metrics.published(sent.size());
        }
        if (!failed.isEmpty()) {
            em.createNativeQuery("update outbox_event set attempts = attempts + 1, last_error = ?1 where id in (?2)")
                    .setParameter(1, truncate(lastError)).setParameter(2, failed).executeUpdate();
            LOG.warnf("outbox relay: %d of %d events not acknowledged by Kafka (%s); retrying",
                    failed.size(), rows.size(), lastError);
        }
        return new Result(sent.size(), failed.size());
    }

    /**
     * Failures that retrying cannot cure: the record is larger than the producer or broker accepts, cannot be
     * serialised, or names an invalid topic. Anything else (timeouts, broker unavailable, leader moving) is retried.
     */
    static boolean neverSendable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || c instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || c instanceof org.apache.kafka.common.errors.SerializationException
                    || c instanceof org.apache.kafka.common.errors.InvalidTopicException
                    || c instanceof org.apache.kafka.common.InvalidRecordException) {
                return true;
            }
        }
        return false;
    }

    /** An outbox row the relay parked; without payload. */
    public record ParkedView(UUID id, String eventType, String aggregateType, String aggregateId, String topic,
                             OffsetDateTime occurredAt, OffsetDateTime parkedAt, String reason, int payloadCharacters,
                             boolean sent) {
    }

    @SuppressWarnings("unchecked")
    public cn.resettle.common.web.PageResult<ParkedView> parked(cn.resettle.common.web.PageRequest page) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select id, event_type, aggregate_type, aggregate_id, topic, "
                            + "occurred_at, parked_at, park_reason, length(payload), sent_at is not null from outbox_event "
                            + "where parked_at is not null and sent_at is null order by seq")
                    .setFirstResult(Math.toIntExact(page.offset())).setMaxResults(page.size()).getResultList();
            long total = ((Number) em.createNativeQuery("select count(*) from outbox_event where parked_at is not null "
                    + "and sent_at is null").getSingleResult()).longValue();
            return cn.resettle.common.web.PageResult.of(rows.stream().map(OutboxRelay::parkedView).toList(), page, total);
        });
    }

    /** Makes a parked row eligible again; the relay sends it on its next round (or parks it again). */
    @SuppressWarnings("unchecked")
    public ParkedView unpark(UUID id) {
        ParkedView v = QuarkusTransaction.requiringNew().call(() -> {
            int n = em.createNativeQuery("update outbox_event set parked_at = null where id = ?1 and parked_at is not null "
                    + "and sent_at is null").setParameter(1, id).executeUpdate();
            if (n == 0) {
                throw cn.resettle.common.problem.DomainException.notFound("parked outbox event", id);
            }
            List<Object[]> rows = em.createNativeQuery("select id, event_type, aggregate_type, aggregate_id, topic, "
                    + "occurred_at, parked_at, park_reason, length(payload), sent_at is not null from outbox_event where id = ?1")
                    .setParameter(1, id).getResultList();
            return parkedView(rows.get(0));
        });
        LOG.infof("outbox event %s unparked by an operator", id);
        wakeUp();
        return v;
    }

    private static ParkedView parkedView(Object[] r) {
        return new ParkedView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                cn.resettle.common.deadletter.DeadLetters.time(r[5]), cn.resettle.common.deadletter.DeadLetters.time(r[6]),
                (String) r[7], ((Number) r[8]).intValue(), Boolean.TRUE.equals(r[9]));
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeSent() {
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("delete from outbox_event where sent_at < ?1")
                .setParameter(1, OffsetDateTime.now().minus(config.retention())).executeUpdate());
    }
}
