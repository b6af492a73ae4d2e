package cn.resettle.common.inbox;

import cn.resettle.common.outbox.OutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one record of a polled batch to the channel's dead-letter topic
 * ({@code mp.messaging.incoming.<channel>.dead-letter-queue.topic}), with the headers SmallRye's dead-letter strategy
 * writes and {@code DeadLetterConsumer} reads ({@code dead-letter-reason}, {@code -topic}, {@code -partition},
 * {@code -offset}). A batch consumer cannot nack one record without the connector dead-lettering the whole batch,
 * so the inbox dead-letters the bad record itself and acknowledges the batch. The send waits for the broker's
 * acknowledgement and is retried while the broker is unreachable: the offset of a poison record is never committed
 * before it is in the dead-letter topic.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private volatile KafkaProducer<String, String> producer;

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Config cfg = ConfigProvider.getConfig();
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            cfg.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:9092"));
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "inbox-dead-letters");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.putAll(OutboxRelay.connectionSettings(cfg));
                    producer = new KafkaProducer<>(props);
                }
                p = producer;
            }
        }
        return p;
    }

    void onStop(@Observes ShutdownEvent ev) {
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    /** The dead-letter topic of a channel, as SmallRye's strategy would use it. */
    static String topicOf(String channel) {
        return ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", String.class)
                .orElse("dead-letter-topic-" + channel);
    }

    /** Publishes the record with its sanitised reason; returns once the broker acknowledged it. */
    public void publish(String channel, ConsumerRecord<String, String> record, String reason) {
        String topic = topicOf(channel);
        long backoff = 200;
        for (int attempt = 1; ; attempt++) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, record.key(), record.value());
            header(r, "dead-letter-reason", reason);
            header(r, "dead-letter-exception-class-name", IdempotentConsumer.EventRejectedException.class.getName());
            header(r, "dead-letter-topic", record.topic());
            header(r, "dead-letter-partition", Integer.toString(record.partition()));
            header(r, "dead-letter-offset", Long.toString(record.offset()));
            try {
                producer().send(r).get(20, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warnf("%s: cannot dead-letter record %s-%d@%d yet (attempt %d): %s", channel, record.topic(),
                            record.partition(), record.offset(), attempt, FailureClassifier.reason(e));
                }
                LockSupport.parkNanos(backoff * 1_000_000L);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
