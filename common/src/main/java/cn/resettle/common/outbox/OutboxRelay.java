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
                        "select id, topic, aggregate_id, event_type, payload from outbox_event "
                                + "where sent_at is null order by seq limit ?1")
                .setParameter(1, config.batchSize()).getResultList();
        if (rows.isEmpty()) {
            return new Result(0, 0);
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ProducerRecord<String, String> rec = new ProducerRecord<>(topicPrefix + r[1], (String) r[2], (String) r[4]);
            rec.headers().add("ce_id", r[0].toString().getBytes(StandardCharsets.UTF_8));
            rec.headers().add("ce_type", ((String) r[3]).getBytes(StandardCharsets.UTF_8));
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
            } catch (Exception e) {
                failed.add(id);
                lastError = e.getCause() != null ? e.getCause().toString() : e.toString();
            }
        }
        if (!sent.isEmpty()) {
            em.createNativeQuery("update outbox_event set sent_at = ?1, attempts = attempts + 1 where id in (?2)")
                    .setParameter(1, OffsetDateTime.now()).setParameter(2, sent).executeUpdate();
        }
        if (!failed.isEmpty()) {
            em.createNativeQuery("update outbox_event set attempts = attempts + 1, last_error = ?1 where id in (?2)")
                    .setParameter(1, truncate(lastError)).setParameter(2, failed).executeUpdate();
            LOG.warnf("outbox relay: %d of %d events not acknowledged by Kafka (%s); retrying",
                    failed.size(), rows.size(), lastError);
        }
        return new Result(sent.size(), failed.size());
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
